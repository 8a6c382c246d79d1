import { canRequest } from '../../domain/approval/can-request.ts';
import { describeRequest } from '../../domain/request/describe-request.ts';
import { shownRequestText } from '../../domain/liferay/shown-request-text.ts';
import { parseCommand } from '../../domain/request/parse-command.ts';
import type { Command } from '../../domain/request/command.ts';
import type { RolloutRecord } from '../rollout-record.ts';
import { evaluateRequest, type EvaluateDeps } from './evaluate-request.ts';
import type { ServiceDeps } from './service-deps.ts';
import { rolloutInTheWay } from './cluster-busy.ts';
import { statusForVerdict } from './status-for-verdict.ts';
import { factsReadAt } from '../facts-cache.ts';
import { plain, text, type RichText } from '../../domain/text/rich-text.ts';

export type SubmitOutcome =
  | { readonly kind: 'help' }
  /** One line, shown only to the requester; nothing was stored or changed. */
  | { readonly kind: 'error'; readonly message: RichText; readonly withUsage: boolean }
  | { readonly kind: 'status' | 'history'; readonly command: Extract<Command, { type: 'status' | 'history' }> }
  /** A stored request with its verdict (and plan): to be posted in the channel. */
  | { readonly kind: 'request'; readonly record: RolloutRecord };

/** What submitting reads: the clusters, the store, time, new ids, the log, the facts kept warm (if any), and what a verdict reads. */
export type SubmitDeps = Pick<ServiceDeps, 'clusters' | 'store' | 'clock' | 'newId' | 'log' | 'warmFacts'> & EvaluateDeps;

/** A command's text (Slack: what follows `/liferay`) from `userId` in `channelId`. */
export async function submitRequest(input: { readonly text: string; readonly userId: string; readonly channelId: string }, deps: SubmitDeps): Promise<SubmitOutcome> {
  const parsed = parseCommand(input.text);
  if (!parsed.ok) return { kind: 'error', message: plain(parsed.error.reason), withUsage: true };
  const command = parsed.value;
  if (command.type === 'help') return { kind: 'help' };
  if (command.type === 'status' || command.type === 'history') {
    if (command.cluster !== undefined && !deps.clusters.has(command.cluster)) {
      return { kind: 'error', message: text`unknown cluster "${command.cluster}" (known: ${[...deps.clusters.keys()].join(', ')})`, withUsage: false };
    }
    return { kind: command.type, command };
  }
  const request = command.request;
  const cluster = deps.clusters.get(request.cluster);
  if (cluster === undefined) {
    return { kind: 'error', message: text`unknown cluster "${request.cluster}" (known: ${[...deps.clusters.keys()].join(', ')})`, withUsage: false };
  }
  const allowed = canRequest(cluster.approval, input.channelId);
  if (!allowed.ok) return { kind: 'error', message: allowed.message, withUsage: false };
  // A rollout holds the cluster: its nodes are mid-change, so a probe would only find them differing.
  const busy = rolloutInTheWay(request.cluster, deps.store);
  if (busy !== undefined) return { kind: 'error', message: busy, withUsage: false };
  // Facts kept warm answer at once; approving probes the nodes again (decideRequest).
  const prepared = await evaluateRequest(request, cluster, {}, deps, undefined, deps.warmFacts);
  if (!prepared.ok) return { kind: 'error', message: plain(prepared.error), withUsage: false };
  const { verdict, plan, planError, facts } = prepared.value;
  if (verdict.type === 'error') return { kind: 'error', message: text`${describeRequest(request)}: ${verdict.message}`, withUsage: false };
  const at = deps.clock.now();
  const now = at.toISOString();
  const record: RolloutRecord = {
    id: deps.newId(),
    cluster: request.cluster,
    request,
    requestText: shownRequestText(request),
    requestedBy: input.userId,
    requestedAt: now,
    channelId: input.channelId,
    messageTs: undefined,
    facts,
    answers: {},
    verdict,
    plan,
    status: statusForVerdict(verdict),
    decidedBy: undefined,
    decidedAt: undefined,
    decisionNote: planError,
    updatedAt: now,
    ...factsReadAt(prepared.value.factsAgeMs, at),
  };
  deps.store.create(record);
  deps.store.audit({ at: now, rolloutId: record.id, actor: input.userId, action: 'requested', detail: text`${record.requestText} -> ${verdict.verdict}${plan === undefined ? '' : `, plan ${plan.hash.slice(0, 12)}`}` });
  deps.log.info({ rolloutId: record.id, cluster: record.cluster, verdict: verdict.verdict, requestedBy: input.userId }, 'request evaluated');
  return { kind: 'request', record };
}
