/** A JGroups membership line: `Accepted view [node1|7] (3) [node1, node2, node3]` (LIFERAY.md §4). */
export interface AcceptedView {
  /** `control` or `transport-0`... when the log line names the channel (`liferay-channel-control`). */
  readonly channel: string | undefined;
  readonly coordinator: string;
  readonly viewId: number;
  readonly memberCount: number;
  readonly members: readonly string[];
}

export function parseAcceptedView(line: string): AcceptedView | undefined {
  const match = /Accepted view \[([^|\]]+)\|(\d+)\] \((\d+)\) \[([^\]]*)\]/.exec(line);
  if (match === null) return undefined;
  const [, coordinator = '', viewId = '0', count = '0', members = ''] = match;
  const channel = /liferay-channel-(control|transport-\d+)/.exec(line)?.[1];
  return {
    channel,
    coordinator,
    viewId: Number(viewId),
    memberCount: Number(count),
    members: members.split(',').map((m) => m.trim()).filter((m) => m !== ''),
  };
}
