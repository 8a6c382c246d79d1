import type { Question, Reason, Verdict, VerdictKind } from '../../src/domain/eligibility/verdict.ts';
import type { SettingDiff } from '../../src/domain/liferay/setting-diff.ts';
import { sha256Hex } from '../../src/app/sha256-hex.ts';
import { buildPlan } from '../../src/domain/plan/build-plan.ts';
import { requiredArtifacts } from '../../src/domain/plan/required-artifacts.ts';
import type { RolloutPlan, SkippedNode } from '../../src/domain/plan/rollout-plan.ts';
import type { MaintenanceRequest } from '../../src/domain/request/maintenance-request.ts';
import { parseRequest } from '../../src/domain/request/parse-request.ts';
import { aCluster, type ClusterBuilder } from './a-cluster.ts';

/** A parsed request; throws on a typo in a test. */
export function aRequest(text = 'fixpack install dxp-17-7110 on prod'): MaintenanceRequest {
  const parsed = parseRequest(text);
  if (!parsed.ok) throw new Error(`test request does not parse: ${parsed.error.reason}`);
  return parsed.value;
}

/** Fluent builder for verdicts as the rules would give them: `aVerdict().ineligible().withReasons(300).build()`. */
export class VerdictBuilder {
  private kind: VerdictKind = 'eligible';
  private reasons: Reason[] = [{ rule: 'fixpack-target', outcome: 'pass', message: 'dxp-17-7110 is revertible: nodes with and without it can share the database' }];
  private questions: Question[] = [];
  private request: MaintenanceRequest = aRequest();
  private changes: SettingDiff | undefined = undefined;

  forRequest(text: string): this {
    this.request = aRequest(text);
    return this;
  }

  withRequest(request: MaintenanceRequest): this {
    this.request = request;
    return this;
  }

  eligible(): this {
    this.kind = 'eligible';
    return this;
  }

  ineligible(): this {
    this.kind = 'ineligible';
    this.reasons = [
      { rule: 'fixpack-target', outcome: 'block', message: 'dxp-17-7110 is non-revertible (schema change): old and new nodes cannot share the database' },
      { rule: 'full-shutdown', outcome: 'note', message: 'do it with the whole cluster down instead' },
    ];
    return this;
  }

  asking(...questions: Question[]): this {
    this.kind = 'needs-confirmation';
    this.questions = questions;
    this.reasons = questions.map((q) => ({ rule: `${q.topic}-rule`, outcome: 'confirm', message: q.text }));
    return this;
  }

  /** `count` reasons of `length` characters each, outcomes cycling through all four. */
  withReasons(count: number, length = 80): this {
    const outcomes = ['pass', 'block', 'confirm', 'note'] as const;
    this.reasons = Array.from({ length: count }, (_, i) => ({
      rule: `rule-${i}`,
      outcome: outcomes[i % 4] ?? 'note',
      message: `reason ${i} <!channel> & ${'x'.repeat(Math.max(0, length - 25))}`.slice(0, Math.max(length, 10)),
    }));
    return this;
  }

  /** A property or config request's diff against the nodes' values (`settingDiff`). */
  withChanges(changes: SettingDiff | undefined): this {
    this.changes = changes;
    return this;
  }

  build(): Verdict {
    return { type: 'verdict', verdict: this.kind, reasons: this.reasons, questions: this.questions, request: this.request, ...(this.changes === undefined ? {} : { changes: this.changes }) };
  }
}

export const aVerdict = (): VerdictBuilder => new VerdictBuilder();

/** Fluent builder for plans made by the real planner: `aRolloutPlan().withNodes(30).fullShutdown().build()`. */
export class RolloutPlanBuilder {
  private cluster: ClusterBuilder = aCluster();
  private verdict: VerdictKind = 'eligible';
  private request: MaintenanceRequest = aRequest();
  private skipped: SkippedNode[] = [];

  withNodes(count: number): this {
    this.cluster = this.cluster.withNodes(count);
    return this;
  }

  withHooks(drain = 'lb drain', enable = 'lb enable'): this {
    this.cluster = this.cluster.withHooks(drain, enable);
    return this;
  }

  forRequest(text: string): this {
    this.request = aRequest(text);
    return this;
  }

  withRequest(request: MaintenanceRequest): this {
    this.request = request;
    return this;
  }

  fullShutdown(): this {
    this.verdict = 'ineligible';
    return this;
  }

  /** Leaves a node out as already changed (a cluster where a rollout stopped halfway). */
  skipping(node: string, reason = 'already has dxp-17-7110'): this {
    this.skipped = [...this.skipped, { node, reason }];
    return this;
  }

  build(): RolloutPlan {
    const verdict: Verdict = { type: 'verdict', verdict: this.verdict, reasons: [], questions: [], request: this.request };
    const artifacts = requiredArtifacts(this.request).map((file) => ({ file, sha256: 'c'.repeat(64), bytes: 123_456_789 }));
    const plan = buildPlan({ verdict, cluster: this.cluster.named(this.request.cluster).build(), artifacts, skipped: this.skipped, hash: sha256Hex });
    if (!plan.ok) throw new Error(`test plan cannot be built: ${plan.error}`);
    return plan.value;
  }
}

export const aRolloutPlan = (): RolloutPlanBuilder => new RolloutPlanBuilder();
