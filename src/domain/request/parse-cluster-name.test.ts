import { describe, expect, it } from 'vitest';
import { parseClusterName } from './parse-cluster-name.ts';

describe('parseClusterName', () => {
  it.each(['prod', 'Prod-EU_1.a', '1', 'a'.repeat(63)])('accepts %j', (token) => {
    expect(parseClusterName(token)).toEqual({ ok: true, value: token });
  });

  it.each([
    ['$(reboot)', '"$(reboot)" contains a shell metacharacter ("$")'],
    ['pr/od', '"pr/od" is not a cluster name'],
    ['-prod', 'is not a cluster name'],
    ['.prod', 'is not a cluster name'],
    ['a'.repeat(64), 'is not a cluster name'],
    ['prød', 'not printable ASCII'],
  ])('refuses %j: %s', (token, fragment) => {
    const result = parseClusterName(token);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(fragment);
  });
});
