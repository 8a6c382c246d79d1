import type { Reason, Verdict } from '../../domain/eligibility/verdict.ts';
import { maskedRequest } from '../../domain/liferay/masked-request.ts';
import { shownRequestText } from '../../domain/liferay/shown-request-text.ts';
import { formatSettingDiff } from './format-setting-diff.ts';

const MARK: Readonly<Record<Reason['outcome'], string>> = { pass: '✓', block: '✗', confirm: '?', note: '·' };

const HEADLINE = {
  eligible: 'ELIGIBLE for a rolling restart (one node at a time)',
  ineligible: 'NOT ELIGIBLE for a rolling restart: needs the whole cluster down',
  'needs-confirmation': 'NEEDS CONFIRMATION before it may roll',
} as const;

/** Human-readable verdict for the terminal. */
export function formatVerdict(verdict: Verdict): string {
  const lines = [shownRequestText(verdict.request)];
  if (verdict.type === 'error') {
    lines.push(`ERROR: cannot be done on this cluster`, `  ✗ ${verdict.rule}: ${verdict.message}`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(`Verdict: ${HEADLINE[verdict.verdict]}`);
  for (const reason of verdict.reasons) lines.push(`  ${MARK[reason.outcome]} ${reason.rule}: ${reason.message}`);
  for (const question of verdict.questions) lines.push(`  Question: ${question.text}`);
  if (verdict.changes !== undefined) lines.push(...formatSettingDiff(verdict.changes));
  return `${lines.join('\n')}\n`;
}

/** The fixed `--json` shape of DESIGN.md: `{verdict, reasons: [{rule, message}], request}`; the request's secret values masked (`maskedRequest`). */
export function verdictJson(verdict: Verdict): string {
  if (verdict.type === 'error') {
    return `${JSON.stringify({ error: { rule: verdict.rule, message: verdict.message }, request: maskedRequest(verdict.request) })}\n`;
  }
  return `${JSON.stringify({
    verdict: verdict.verdict,
    reasons: verdict.reasons.map(({ rule, message }) => ({ rule, message })),
    request: maskedRequest(verdict.request),
  })}\n`;
}
