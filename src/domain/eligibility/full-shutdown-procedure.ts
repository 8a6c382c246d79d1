/** What to do instead when a change may not roll (LIFERAY.md §1). */
export const FULL_SHUTDOWN_PROCEDURE =
  'do it with the whole cluster down instead: stop every node, apply the change on every node, start one node alone and wait until it is healthy, then start the rest';
