import { describe, expect, it } from 'vitest';
import type { MaintenanceRequest } from '../../domain/request/maintenance-request.ts';
import type { CliIo } from './cli-io.ts';
import { parseCommandLine } from './parse-command-line.ts';

function parse(argv: readonly string[]): { readonly result: ReturnType<typeof parseCommandLine>; readonly stderr: string } {
  let stderr = '';
  const io: CliIo = { stdout: () => undefined, stderr: (t) => void (stderr += t), env: {}, cwd: '/' };
  return { result: parseCommandLine('check', argv, {}, 'usage', io), stderr };
}

const base = { cluster: 'prod', dryRun: false } as const;

describe('parseCommandLine: the shell already split the words', () => {
  it.each<[string, readonly string[], MaintenanceRequest]>([
    ['a value with "&" and spaces', ['--', 'property', 'set', 'company.default.name=Smith & Co', 'on', 'prod'], { ...base, kind: 'property', action: 'set', settings: [{ key: 'company.default.name', value: 'Smith & Co' }] }],
    ['the MySQL URL', ['--', 'property', 'set', 'jdbc.default.url=jdbc:mysql://db/lportal?useUnicode=true&characterEncoding=UTF-8', 'on', 'prod'], { ...base, kind: 'property', action: 'set', settings: [{ key: 'jdbc.default.url', value: 'jdbc:mysql://db/lportal?useUnicode=true&characterEncoding=UTF-8' }] }],
    ['quotes the shell kept', ['--', 'jvm', 'set', '-Dfoo="a b"', "-Dq=it's", 'on', 'prod'], { ...base, kind: 'jvm', action: 'set', options: ['-Dfoo="a b"', "-Dq=it's"] }],
    ['a word that is only a quote', ['--', 'property', 'set', 'a="', 'b=\\', 'c=“x”', 'on', 'prod'], { ...base, kind: 'property', action: 'set', settings: [{ key: 'a', value: '"' }, { key: 'b', value: '\\' }, { key: 'c', value: '“x”' }] }],
    ['a non-ASCII name', ['--', 'property', 'set', 'company.default.name=Café Zürich', 'on', 'prod', '--dry-run'], { ...base, kind: 'property', action: 'set', settings: [{ key: 'company.default.name', value: 'Café Zürich' }], dryRun: true }],
  ])('%s: each argv word is one word of the request', (_name, argv, request) => {
    const { result, stderr } = parse(argv);
    expect(stderr).toBe('');
    expect(typeof result === 'number' ? result : result.request).toEqual(request);
  });

  it('an argv word with spaces is still one word where a word of its own is expected', () => {
    const { result, stderr } = parse(['--', 'module', 'install', 'x y.jar', 'on', 'prod']);
    expect(result).toBe(2);
    expect(stderr).toContain('"x y.jar" contains a space, which only values may hold');
  });
});
