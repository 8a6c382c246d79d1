import type { NodePaths } from '../domain/plan/node-paths.ts';
import type { NodeSpec } from '../domain/plan/cluster-spec.ts';
import type { ArtifactSource, Clock, HealthProbe, Logger, NodeExecutor, NodeSession, NodeTarget } from './ports.ts';

/** What the steps of one node share while a rollout runs. */
export interface NodeContext {
  readonly spec: NodeSpec;
  readonly target: NodeTarget;
  readonly paths: NodePaths;
  session: NodeSession | undefined;
  /** Byte offsets recorded just before `start`, so waits only read what this start wrote. */
  catalinaOffset: number | undefined;
  liferayLog: { readonly path: string; readonly offset: number } | undefined;
}

export interface StepDeps {
  readonly executor: NodeExecutor;
  readonly healthProbe: HealthProbe;
  readonly artifacts: ArtifactSource;
  readonly clock: Clock;
  readonly log: Logger;
  /** How often waits poll what cannot be followed as a stream (HTTP health, process gone). */
  readonly pollIntervalMs: number;
}
