/**
 * Whether a JGroups member name stands for the node named `memberName`. Liferay names members
 * `<hostname>-<random number>` (JGroups' logical name, short host name); the local simulator uses
 * the bare name. A number after the dash is required, so `web-2-4711` is not a member name of `web`.
 */
export function isNodeMember(member: string, memberName: string): boolean {
  if (member === memberName) return true;
  if (!member.startsWith(`${memberName}-`)) return false;
  return /^\d+$/.test(member.slice(memberName.length + 1));
}
