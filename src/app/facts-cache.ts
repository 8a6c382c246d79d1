import type { NodeFacts } from '../domain/liferay/node-facts.ts';
import type { RolloutEvent } from '../domain/rollout/rollout-event.ts';
import type { Clock, Logger, NodeExecutor } from './ports.ts';
import { probeCluster } from './probe-cluster.ts';
import type { ClusterRuntime } from './requests/service-deps.ts';

/** What each node of a cluster ran at `at` (probed, without the declared facts), and how old that is now. */
export interface WarmClusterFacts {
  readonly nodeFacts: NodeFacts;
  readonly at: string;
  readonly ageMs: number;
}

/** What a verdict reads of the facts kept warm: facts young enough, and a place to leave the ones it read itself. */
export interface WarmFacts {
  /** The cluster's facts when read no longer than the configured age ago; undefined otherwise. */
  fresh(cluster: string): WarmClusterFacts | undefined;
  /** Marks the start of a verdict's own probe: hand it to `remember` with what the probe read. */
  begin(cluster: string): ReadTicket;
  /** Facts a verdict's own probe read (kept unless a node changed since it began). */
  remember(cluster: string, nodeFacts: NodeFacts, ticket: ReadTicket): void;
}

/** When a read began, and under which generation of the cluster's facts. */
export interface ReadTicket {
  readonly at: Date;
  readonly generation: number;
}

export interface FactsCacheOptions {
  /** A verdict uses facts read at most this long ago (0: never, every verdict probes). */
  readonly maxAgeMs: number;
  /** How often every cluster is read again in the background (0: never by schedule). */
  readonly refreshEveryMs: number;
}

export interface FactsCacheDeps {
  readonly clusters: ReadonlyMap<string, ClusterRuntime>;
  readonly executor: NodeExecutor;
  readonly clock: Clock;
  readonly log: Logger;
}

interface Entry {
  readonly nodeFacts: NodeFacts;
  readonly at: Date;
}

/** Events after which a node may run something else; the end of a run (the last three) also reads the cluster again. */
const CHANGES_A_NODE = new Set<RolloutEvent['type']>(['StepSucceeded', 'StepFailed', 'NodeDone', 'RestoreFinished', 'RolloutDone', 'RolloutInterrupted', 'RolloutLeft']);
const ENDS_A_RUN = new Set<RolloutEvent['type']>(['RolloutDone', 'RolloutInterrupted', 'RolloutLeft']);

/**
 * Each cluster's facts as the last probe (`probeCluster`, read-only, every node in parallel) found
 * them, kept in this process's memory so a verdict need not read every node first: read again on
 * a schedule, after every rollout event that may have changed a node (dropped at once, read again
 * when the run ends), and on demand (`refresh`). One read per cluster at a time; a read that began
 * before a node changed is not kept. A failed read leaves no facts (the next verdict probes itself).
 * Approving never reads from here: it probes the nodes again and refuses a changed plan.
 */
export class FactsCache implements WarmFacts {
  private readonly entries = new Map<string, Entry>();
  private readonly running = new Map<string, Promise<void>>();
  /** Bumped when a node may have changed: a read begun under an older generation is not kept. */
  private readonly generation = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: FactsCacheDeps,
    private readonly options: FactsCacheOptions,
  ) {}

  fresh(cluster: string): WarmClusterFacts | undefined {
    const entry = this.entries.get(cluster);
    if (entry === undefined || this.options.maxAgeMs <= 0) return undefined;
    const ageMs = Math.max(0, this.deps.clock.now().getTime() - entry.at.getTime());
    return ageMs <= this.options.maxAgeMs ? { nodeFacts: entry.nodeFacts, at: entry.at.toISOString(), ageMs } : undefined;
  }

  begin(cluster: string): ReadTicket {
    return { at: this.deps.clock.now(), generation: this.generationOf(cluster) };
  }

  remember(cluster: string, nodeFacts: NodeFacts, ticket: ReadTicket): void {
    this.keep(cluster, nodeFacts, ticket.at, ticket.generation);
  }

  /** Reads the cluster's nodes now (or joins the read under way); resolves when the facts are kept (or the read failed). */
  refresh(cluster: string): Promise<void> {
    const under = this.running.get(cluster);
    if (under !== undefined) return under;
    const runtime = this.deps.clusters.get(cluster);
    if (runtime === undefined) return Promise.resolve();
    const { at: began, generation } = this.begin(cluster);
    const run = probeCluster(runtime.spec, runtime.targets, this.deps)
      .then(
        (probed) => {
          if (probed.ok) this.keep(cluster, probed.value.nodeFacts, began, generation);
          else {
            this.drop(cluster, generation);
            this.deps.log.warn({ cluster, err: probed.error }, 'facts cache: reading the nodes failed');
          }
        },
        (error: unknown) => {
          this.drop(cluster, generation);
          this.deps.log.warn({ cluster, err: error instanceof Error ? error.message : String(error) }, 'facts cache: reading the nodes failed');
        },
      )
      .finally(() => this.running.delete(cluster));
    this.running.set(cluster, run);
    return run;
  }

  /** Every cluster read again now; resolves when all reads ended. */
  async refreshAll(): Promise<void> {
    await Promise.all([...this.deps.clusters.keys()].map((c) => this.refresh(c)));
  }

  /** A rollout event on `cluster`: a node may have changed, so its facts are dropped; the end of the run reads them again. */
  onRolloutEvent(cluster: string, event: RolloutEvent): void {
    if (!CHANGES_A_NODE.has(event.type)) return;
    this.generation.set(cluster, this.generationOf(cluster) + 1);
    this.entries.delete(cluster);
    if (ENDS_A_RUN.has(event.type)) void this.refresh(cluster);
  }

  /** Reads every cluster now and then every `refreshEveryMs` (the timer does not keep the process alive). */
  start(): void {
    void this.refreshAll();
    if (this.options.refreshEveryMs <= 0 || this.timer !== undefined) return;
    this.timer = setInterval(() => void this.refreshAll(), this.options.refreshEveryMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private generationOf(cluster: string): number {
    return this.generation.get(cluster) ?? 0;
  }

  private keep(cluster: string, nodeFacts: NodeFacts, at: Date, generation: number): void {
    if (generation !== this.generationOf(cluster)) return;
    const current = this.entries.get(cluster);
    if (current !== undefined && current.at.getTime() > at.getTime()) return;
    this.entries.set(cluster, { nodeFacts, at });
  }

  private drop(cluster: string, generation: number): void {
    if (generation === this.generationOf(cluster)) this.entries.delete(cluster);
  }
}

/** A record's `factsReadAt` from a verdict's facts age (`PreparedRollout.factsAgeMs`): none when no node was read. */
export function factsReadAt(factsAgeMs: number | undefined, now: Date): { readonly factsReadAt?: string } {
  return factsAgeMs === undefined ? {} : { factsReadAt: new Date(now.getTime() - factsAgeMs).toISOString() };
}

/** `facts read 40 s ago`, `facts read 3 min ago`: how old the facts a verdict used are. */
export function factsAgeText(ageMs: number): string {
  const s = Math.round(ageMs / 1000);
  return s < 120 ? `facts read ${s} s ago` : `facts read ${Math.round(s / 60)} min ago`;
}
