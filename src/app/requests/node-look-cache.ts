import type { Clock } from '../ports.ts';
import { lookAtNodes, type LookDeps, type NodeLook } from './look-at-nodes.ts';

/** A cluster's nodes as the last look found them, and when; `failed` when the look gave no answer in time. */
export type LastLook =
  | { readonly at: string; readonly nodes: readonly NodeLook[] }
  | { readonly at: string; readonly failed: string };

export interface NodeLookCacheOptions {
  /** A look younger than this is not taken again (default 60 s). */
  readonly freshMs?: number;
  /** A look that takes longer is reported as no answer (default 15 s); the look itself ends by its own time-outs. */
  readonly timeoutMs?: number;
}

/**
 * The last look at each cluster's nodes (`lookAtNodes`: SSH and HTTP, read-only), kept in this
 * process's memory with its time: what App Home shows as each node's last probed state. Nothing
 * stores it; a fresh process looks again when someone opens Home. One look per cluster at a time.
 */
export class NodeLookCache {
  private readonly last = new Map<string, LastLook>();
  private readonly running = new Map<string, Promise<LastLook>>();
  private readonly freshMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly deps: LookDeps & { readonly clock: Clock },
    options: NodeLookCacheOptions = {},
  ) {
    this.freshMs = options.freshMs ?? 60_000;
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  /** The last look at the cluster, if any. */
  latest(cluster: string): LastLook | undefined {
    return this.last.get(cluster);
  }

  /** Is the last look missing or older than the fresh time (so `look` would look again)? */
  stale(cluster: string): boolean {
    const last = this.last.get(cluster);
    return last === undefined || this.deps.clock.now().getTime() - Date.parse(last.at) >= this.freshMs;
  }

  /** Looks at the cluster's nodes unless the last look is fresh or one is under way; resolves with the latest look. */
  look(cluster: string): Promise<LastLook> {
    const under = this.running.get(cluster);
    if (under !== undefined) return under;
    const last = this.last.get(cluster);
    if (last !== undefined && !this.stale(cluster)) return Promise.resolve(last);
    const started = this.deps.clock.now();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<LastLook>((resolve) => {
      timer = setTimeout(() => resolve({ at: started.toISOString(), failed: `no answer within ${Math.ceil(this.timeoutMs / 1000)} s` }), this.timeoutMs);
      timer.unref();
    });
    const looked = lookAtNodes(cluster, this.deps).then(
      (nodes): LastLook => ({ at: this.deps.clock.now().toISOString(), nodes }),
      (error: unknown): LastLook => ({ at: started.toISOString(), failed: error instanceof Error ? error.message : String(error) }),
    );
    const run = Promise.race([looked, timedOut]).then((found) => {
      clearTimeout(timer);
      this.last.set(cluster, found);
      this.running.delete(cluster);
      return found;
    });
    this.running.set(cluster, run);
    return run;
  }
}
