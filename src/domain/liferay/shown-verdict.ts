import type { Verdict } from '../eligibility/verdict.ts';
import { maskedRequest } from './masked-request.ts';

/** The verdict as it may be shown (a message, `check --json`): its request's secret values masked. Its setting diff is masked already (`settingDiff`). */
export function shownVerdict(verdict: Verdict): Verdict {
  return { ...verdict, request: maskedRequest(verdict.request) };
}
