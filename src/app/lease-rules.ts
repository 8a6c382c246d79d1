import type { Claim, ClusterLock } from './ports.ts';

/**
 * May `claim` take a rollout whose lock is `lock`? When nobody owns it, the lease ran out, it is
 * the claimant's own, or the claimant knows the owner is gone. Every store applies this rule.
 */
export function mayTake(lock: ClusterLock, claim: Claim): boolean {
  return lock.owner === undefined || (lock.expiresAt ?? 0) <= claim.now || lock.owner === claim.owner || (claim.takeOverFrom !== undefined && lock.owner === claim.takeOverFrom);
}

/** Does `owner` own the rollout of this lock now? `undefined` asks "does nobody?": an expired lease is nobody's. */
export function ownedBy(lock: ClusterLock, owner: string | undefined, now: number): boolean {
  const live = lock.owner !== undefined && (lock.expiresAt ?? 0) > now;
  return owner === undefined ? !live : lock.owner === owner;
}
