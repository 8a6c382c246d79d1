import { describe, expect, it } from 'vitest';
import { MaintenanceRequest } from './maintenance-request.ts';
import { parseRequest } from './parse-request.ts';

describe('parseRequest', () => {
  it.each([
    ['fixpack install liferay-fix-pack-dxp-14-7110.zip on prod --dry-run', { kind: 'fixpack', action: 'install', patch: 'dxp-14-7110', cluster: 'prod', dryRun: true }],
    ['module update x.jar --schema=none on prod', { kind: 'module', action: 'update', file: 'x.jar', cluster: 'prod', dryRun: false, schema: 'none' }],
    ['java update 17.0.15+6 on prod', { kind: 'java', action: 'update', version: '17.0.15+6', cluster: 'prod', dryRun: false }],
  ])('parses %j', (text, expected) => {
    const result = parseRequest(text);
    expect(result).toEqual({ ok: true, value: expected });
    if (result.ok) expect(MaintenanceRequest.parse(result.value)).toEqual(expected);
  });

  it.each([
    ['help', '"help" is a command, not a maintenance request', '(help)'],
    ['status', '"status" is a command', '(status [cluster])'],
    ['status prod', '"status" is a command', '(status [cluster])'],
    ['History prod', '"history" is a command', '(history [cluster])'],
    ['', 'empty request', 'empty request'],
    ['fixpack install dxp-14-7110', 'missing "on <cluster>"', 'missing'],
  ])('refuses %j', (text, fragment, hint) => {
    const result = parseRequest(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.reason).toContain(fragment);
      expect(result.error.reason).toContain(hint);
      expect(result.error.reason).not.toContain('\n');
      expect(result.error.reason).not.toContain('/liferay');
    }
  });
});
