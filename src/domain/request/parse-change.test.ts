import { describe, expect, it } from 'vitest';
import { CHANGE_NOUNS, parseChange } from './parse-change.ts';
import { MaintenanceRequest } from './maintenance-request.ts';

describe('parseChange', () => {
  it('knows every MaintenanceRequest kind', () => {
    const kinds = new Set(MaintenanceRequest.options.map((o) => o.shape.kind.value));
    expect(new Set(CHANGE_NOUNS)).toEqual(kinds);
  });

  it.each([
    [['fixpack', 'install', 'dxp-14-7110', 'on', 'prod'], { kind: 'fixpack', action: 'install', patch: 'dxp-14-7110', cluster: 'prod', dryRun: false }],
    [['commerce', 'update', '--dry-run', '2.0.7', 'on', 'prod'], { kind: 'commerce', action: 'update', version: '2.0.7', cluster: 'prod', dryRun: true }],
  ])('%j', (tokens, request) => {
    expect(parseChange(tokens)).toEqual({ ok: true, value: request });
  });

  it.each([
    [[], 'empty request'],
    [['toString', 'x'], 'unknown request "toString"'],
    [['fixpack', 'constructor'], 'unknown verb "constructor" for fixpack'],
    [['fixpack', 'on', 'prod'], 'missing verb for fixpack (expected install or revert)'],
    [['java', '--dry-run'], 'missing verb for java (expected update)'],
  ])('refuses %j: %s', (tokens, fragment) => {
    const result = parseChange(tokens);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(fragment);
  });
});
