import { utcTime, type TimeStyle } from '../../../domain/text/rich-text.ts';

const TOKENS: Readonly<Record<TimeStyle, string>> = {
  time: '{time}',
  seconds: '{time_secs}',
  date: '{date_short_pretty} {time}',
};

/**
 * A moment as Slack's date token, `<!date^1764770700^{time}|14:05 UTC>`: each reader sees it in their
 * own time zone and clock format; clients that cannot render it (notifications, old apps) show the
 * UTC fallback after `|`. A time that does not parse is `?`.
 */
export function slackTime(at: string | Date, style: TimeStyle = 'time'): string {
  const iso = typeof at === 'string' ? at : at.toISOString();
  const ms = new Date(iso).getTime();
  if (Number.isNaN(ms)) return '?';
  return `<!date^${Math.floor(ms / 1000)}^${TOKENS[style]}|${utcTime(iso, style)}>`;
}
