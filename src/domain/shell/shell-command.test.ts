import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { sh, shGlob } from './shell-command.ts';

describe('shGlob', () => {
  it.each([
    ['acme-blog-[0-9]*.jar', "'acme-blog-'[0-9]*'.jar'"],
    ['liferay-commerce-[0-9]*.lpkg', "'liferay-commerce-'[0-9]*'.lpkg'"],
    ['a?b', "'a'?'b'"],
    ['*', '*'],
    ["it's $HOME `x`", `'it'"'"'s $HOME \`x\`'`],
    ['[a-z]*', "'[a-z]'*"],
  ])('%j -> %s', (pattern, text) => {
    expect(shGlob(pattern).text).toBe(text);
  });

  it('refuses a NUL byte', () => {
    expect(() => shGlob('a\0*')).toThrow(/NUL/);
  });
});

// Characters a file name may hold that a shell treats specially, plus plain ones.
const NAME_CHARS = ['a', 'b', '1', ' ', "'", '"', '$', '`', '\n', '\\', ';', '&', '|', '(', ')', '*', '?', '[', ']', '-', '.', '{', '}', '~', '#', '!', '<', '>'];
const LITERAL_CHARS = NAME_CHARS.filter((c) => c !== '*' && c !== '?' && c !== '[' && c !== ']');

type Token = { readonly live: '*' | '?' | '[0-9]' } | { readonly literal: string };

const token: fc.Arbitrary<Token> = fc.oneof(
  fc.constantFrom<Token>({ live: '*' }, { live: '?' }, { live: '[0-9]' }),
  fc.array(fc.constantFrom(...LITERAL_CHARS), { minLength: 1, maxLength: 3 }).map((cs): Token => ({ literal: cs.join('') })),
);

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function regexOf(tokens: readonly Token[]): RegExp {
  const body = tokens.map((t) => ('live' in t ? { '*': '[\\s\\S]*', '?': '[\\s\\S]', '[0-9]': '[0-9]' }[t.live] : escapeRegExp(t.literal))).join('');
  return new RegExp(`^${body}$`);
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('shGlob through /bin/sh', () => {
  it('matches exactly the files the glob should, and runs nothing', () => {
    const names = fc.uniqueArray(
      fc.array(fc.constantFrom(...NAME_CHARS), { minLength: 1, maxLength: 6 }).map((cs) => cs.join('')).filter((n) => !n.startsWith('.') && !n.startsWith('-')),
      { minLength: 1, maxLength: 12 },
    );
    fc.assert(
      fc.property(names, fc.array(token, { minLength: 1, maxLength: 5 }), fc.nat(), (files, tokens, pick) => {
        const dir = mkdtempSync(join(tmpdir(), 'sh-glob-'));
        dirs.push(dir);
        for (const name of files) writeFileSync(join(dir, name), '');
        // Half the time, make the pattern match one of the files for sure: its literal name.
        const pattern = pick % 2 === 0 ? tokens.map((t) => ('live' in t ? t.live : t.literal)).join('') : (files[pick % files.length] ?? '').replace(/[*?[\]]/g, '*');
        const parts: Token[] =
          // eslint-disable-next-line @typescript-eslint/no-misused-spread -- the names are made of NAME_CHARS (ASCII): one character, one token
          pick % 2 === 0 ? [...tokens] : [...(files[pick % files.length] ?? '')].map((c): Token => ('*?[]'.includes(c) ? { live: '*' } : { literal: c }));
        // -f: the files only; a pattern such as `.` or `.*` also names the directory entries . and ..
        const script = sh`cd ${dir} && for f in ${shGlob(pattern)}; do if [ -f "$f" ]; then printf '%s\\0' "$f"; fi; done`;
        const run = spawnSync('/bin/sh', ['-c', script.text], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', LC_ALL: 'C' } });
        expect(run.status).toBe(0);
        expect(run.stderr).toBe('');
        const matched = run.stdout.split('\0').filter((n) => n !== '').sort();
        const expected = files.filter((n) => regexOf(parts).test(n)).sort();
        expect(matched).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});
