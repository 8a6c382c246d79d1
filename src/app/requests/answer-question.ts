import { canAnswer } from '../../domain/approval/can-answer.ts';
import type { Answers } from '../../domain/eligibility/eligibility-input.ts';
import type { MaintenanceRequest, SchemaDeclaration } from '../../domain/request/maintenance-request.ts';
import type { RolloutRecord } from '../rollout-record.ts';
import { evaluateRequest, type EvaluateDeps } from './evaluate-request.ts';
import { factsReadAt } from '../facts-cache.ts';
import { pendingOf } from './pending-of.ts';
import type { ServiceDeps } from './service-deps.ts';
import { statusForVerdict } from './status-for-verdict.ts';
import { plain, text, type RichText } from '../../domain/text/rich-text.ts';

export type AnswerInput =
  | { readonly topic: 'schema'; readonly answer: SchemaDeclaration }
  | { readonly topic: 'revertible'; readonly answer: 'yes' | 'no'; readonly subjects: readonly string[] }
  | { readonly topic: 'java-major'; readonly answer: 'yes' | 'no' };

/** What answering reads: the request and its cluster's policy, time, and what a verdict reads. */
export type AnswerDeps = Pick<ServiceDeps, 'store' | 'clusters' | 'clock'> & EvaluateDeps;

export type AnswerOutcome = { readonly ok: true; readonly record: RolloutRecord } | { readonly ok: false; readonly message: RichText };

/**
 * The requester answers a question of a needs-confirmation verdict; the verdict (and plan) is
 * evaluated again in place. "No, not revertible" is recorded as a catalog fact for this request.
 */
export async function answerQuestion(
  input: { readonly requestId: string; readonly userId: string; readonly groupIds: readonly string[] } & AnswerInput,
  deps: AnswerDeps,
): Promise<AnswerOutcome> {
  const record = deps.store.get(input.requestId);
  if (record === undefined) return { ok: false, message: text`This request is no longer known to the bot` };
  const cluster = deps.clusters.get(record.cluster);
  if (cluster === undefined) return { ok: false, message: text`Cluster ${record.cluster} is no longer in the inventory` };
  const decision = canAnswer({ policy: cluster.approval, pending: pendingOf(record), user: { userId: input.userId, groupIds: input.groupIds }, now: deps.clock.now() });
  if (!decision.ok) return { ok: false, message: decision.message };

  let request: MaintenanceRequest = record.request;
  let answers: Answers = record.answers;
  let facts = record.facts;
  if (input.topic === 'schema') request = { ...request, schema: input.answer };
  if (input.topic === 'java-major') answers = { ...answers, javaSameMajor: input.answer === 'yes' };
  if (input.topic === 'revertible') {
    if (input.answer === 'yes') answers = { ...answers, revertible: [...(answers.revertible ?? []), ...input.subjects] };
    else facts = { ...facts, nonRevertible: [...(facts.nonRevertible ?? []), ...input.subjects] };
  }
  const prepared = await evaluateRequest(request, cluster, answers, deps, facts);
  if (!prepared.ok) return { ok: false, message: plain(prepared.error) };
  const { verdict, plan, planError } = prepared.value;
  const at = deps.clock.now();
  const now = at.toISOString();
  const status = statusForVerdict(verdict);
  const updated = deps.store.update(record.id, ['awaiting-confirmation'], { request, answers, facts, verdict, plan, status, decisionNote: planError, updatedAt: now, factsReadAt: factsReadAt(prepared.value.factsAgeMs, at).factsReadAt });
  if (updated === undefined) return { ok: false, message: text`This request was already answered or decided` };
  deps.store.audit({ at: now, rolloutId: record.id, actor: input.userId, action: 'answered', detail: text`${input.topic}: ${input.answer} -> ${verdict.type === 'verdict' ? verdict.verdict : 'error'}` });
  return { ok: true, record: updated };
}
