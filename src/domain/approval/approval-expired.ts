const MINUTE_MS = 60_000;

/**
 * The approval time-to-live, one rule with one edge: a request is expired from `requestedAt + ttl`
 * on (at exactly the limit, it is expired). A `requestedAt` that does not parse counts as expired
 * (fail closed).
 */
export function approvalExpired(requestedAt: string, ttlMinutes: number, now: Date): boolean {
  return !(now.getTime() < Date.parse(requestedAt) + ttlMinutes * MINUTE_MS);
}
