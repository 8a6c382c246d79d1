const pad = (n: number): string => String(n).padStart(2, '0');

/** `10:42` (or `10:42:05`) in UTC; `?` for a time that does not parse. */
export function utcClockTime(at: string | Date, withSeconds = false): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) return '?';
  const hm = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
  return withSeconds ? `${hm}:${pad(date.getUTCSeconds())}` : hm;
}
