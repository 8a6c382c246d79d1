import type { MaintenanceRequest } from '../request/maintenance-request.ts';
import { describeChange, describeRequest } from '../request/describe-request.ts';
import type { RichText, TextPart } from '../text/rich-text.ts';
import { maskedRequest } from './masked-request.ts';
import { shownRequestText } from './shown-request-text.ts';

/**
 * A stored request text as it may be shown. Records written by older bots carry the text as typed
 * (secret values and all): when the request holds a secret value, the text is derived again from
 * the request (`shownRequestText`); otherwise the stored text stands as it was written.
 */
export function maskedRequestText(stored: string, request: MaintenanceRequest): string {
  const shown = shownRequestText(request);
  return shown === describeRequest(request) ? stored : shown;
}

/**
 * A stored text (an audit entry's detail) as it may be shown: wherever it quotes the request with
 * its secret values (`describeRequest`, or the change alone, `describeChange`), the masked words
 * stand instead. Texts that never quoted the request come back as they are.
 */
export function maskedRequestDetail(detail: RichText, request: MaintenanceRequest): RichText {
  const masked = maskedRequest(request);
  const pairs = [
    [describeRequest(request), describeRequest(masked)],
    [describeChange(request), describeChange(masked)],
  ].filter(([raw, shown]) => raw !== shown);
  if (pairs.length === 0) return detail;
  const mask = (words: string): string => pairs.reduce((out, [raw = '', shown = '']) => out.replaceAll(raw, shown), words);
  return detail.map((part): TextPart => (typeof part === 'string' ? mask(part) : 'command' in part ? { command: mask(part.command) } : part));
}
