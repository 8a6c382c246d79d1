/** The runs this process is carrying out now (rollout id -> its end), for shutdown and recovery. */
export type ActiveRuns = Map<string, Promise<unknown>>;

/**
 * Set when the process is stopping: runs stop after the node in progress (`shutdown`, resumed at
 * the next start), or as `as` says (the CLI's Ctrl-C pauses, a second one aborts).
 */
export interface ShutdownRequest {
  requested: boolean;
  as?: { readonly cause: 'pause' | 'abort'; readonly by: string } | undefined;
}

/** What a claim of a rollout needs: this process as an owner (`bot:user@host:pid`) and how long its leases last. */
export interface LeaseTerms {
  readonly owner: string;
  readonly leaseMs: number;
}

/**
 * This process as the owner of rollouts: who it is in the store's locks, how long its leases last,
 * whether another owner's process is gone, its shutdown, and the runs it carries out now.
 */
export interface RunOwnership extends LeaseTerms {
  /** Whether the process named by an owner id is gone for sure (same host, no such process). */
  readonly ownerIsGone: (owner: string) => boolean;
  readonly shutdown: ShutdownRequest;
  readonly runs: ActiveRuns;
}
