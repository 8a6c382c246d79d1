import { describe, expect, it } from 'vitest';
import type { Verdict, VerdictKind } from '../../domain/eligibility/verdict.ts';
import type { MaintenanceRequest } from '../../domain/request/maintenance-request.ts';
import { statusForVerdict } from './status-for-verdict.ts';

const request: MaintenanceRequest = { kind: 'fixpack', action: 'install', patch: 'dxp-14-7110', cluster: 'prod', dryRun: false };
const verdict = (kind: VerdictKind): Verdict => ({ type: 'verdict', verdict: kind, reasons: [], questions: [], request });

describe('statusForVerdict', () => {
  it.each<[string, Verdict, string]>([
    ['eligible', verdict('eligible'), 'awaiting-approval'],
    ['ineligible (full shutdown to approve)', verdict('ineligible'), 'awaiting-approval'],
    ['needs-confirmation', verdict('needs-confirmation'), 'awaiting-confirmation'],
    ['an error verdict', { type: 'error', rule: 'r', message: 'm', request }, 'awaiting-approval'],
  ])('%s -> %s', (_name, given, expected) => {
    expect(statusForVerdict(given)).toBe(expected);
  });
});
