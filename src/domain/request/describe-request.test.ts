import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeRequest } from './describe-request.ts';
import type { MaintenanceRequest } from './maintenance-request.ts';
import { parseRequest } from './parse-request.ts';
import { quoteWord } from './quote-word.ts';
import { QUOTE_PAIRS } from './tokenize.ts';

const base = { cluster: 'prod', dryRun: false } as const;

describe('describeRequest', () => {
  it.each<[MaintenanceRequest, string]>([
    [{ ...base, kind: 'property', action: 'set', settings: [{ key: 'portal.name', value: 'My Portal' }] }, 'property set portal.name="My Portal" on prod'],
    [{ ...base, kind: 'property', action: 'set', settings: [{ key: 'jdbc.default.url', value: 'jdbc:mysql://db/lportal?useUnicode=true&characterEncoding=UTF-8' }] }, 'property set jdbc.default.url=jdbc:mysql://db/lportal?useUnicode=true&characterEncoding=UTF-8 on prod'],
    [{ ...base, kind: 'property', action: 'set', settings: [{ key: 'company.default.name', value: 'Smith & Co' }, { key: 'x', value: 'Café' }] }, 'property set company.default.name="Smith & Co" x=Café on prod'],
    [{ ...base, kind: 'config', action: 'set', pid: 'com.x.Foo', settings: [{ key: 'name', value: 'a "b" c' }] }, 'config set com.x.Foo name="a \\"b\\" c" on prod'],
    [{ ...base, kind: 'jvm', action: 'set', options: ['-Dfoo=a b', '-Xmx8g'], dryRun: true }, 'jvm set -Dfoo="a b" -Xmx8g on prod --dry-run'],
  ])('%j -> %s', (request, text) => {
    expect(describeRequest(request)).toBe(text);
  });
});

// ---- round trips ------------------------------------------------------------------------------

/** Printable text as a value may hold it: quotes, backslashes, shell characters, non-ASCII letters, plain spaces. */
const value = fc
  .string({ unit: fc.oneof(fc.constantFrom(' ', '"', "'", '\\', '=', '“', '”', '‘', '’', '&', ';', '|', '$', '`', '<', '>', 'é', 'Z'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), maxLength: 24 })
  .filter((v) => !/[\p{C}\p{Zl}\p{Zp}]/u.test(v) && !/[^\S ]/u.test(v));
/** Keys; `on` is left out: the grammar reads a word `on` as "on <cluster>" however it is quoted. */
const notOn = (k: string): boolean => k.toLowerCase() !== 'on';
const propertyKey = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._[\]-]{0,12}$/).filter(notOn);
const configKey = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,12}$/).filter(notOn);
const settings = (key: fc.Arbitrary<string>) => fc.uniqueArray(fc.record({ key, value }), { minLength: 1, maxLength: 4, selector: (s) => s.key });
const jvmOption = fc.oneof(
  fc.constantFrom('-Xmx8g', '-XX:+UseG1GC', '-server', '--add-opens=java.base/java.lang=ALL-UNNAMED'),
  fc.tuple(fc.stringMatching(/^-D[A-Za-z0-9._]{1,10}$/), value).map(([name, v]) => `${name}=${v}`),
);

const common = fc.record({
  cluster: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/).filter(notOn),
  dryRun: fc.boolean(),
  schema: fc.option(fc.constantFrom('none', 'compatible', 'breaking'), { nil: undefined }),
}).map(({ schema, ...rest }) => (schema === undefined ? rest : { ...rest, schema }));

const change: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ kind: fc.constant('fixpack'), action: fc.constantFrom('install', 'revert'), patch: fc.constantFrom('dxp-14-7110', 'de-32-7010', 'dxp-2-7210') }),
  fc.record({ kind: fc.constant('hotfix'), action: fc.constantFrom('install', 'revert'), patch: fc.constantFrom('hotfix-4445-7110', 'hotfix-12-7413') }),
  fc.record({ kind: fc.constant('module'), action: fc.constantFrom('install', 'update'), file: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_+-]{0,10}\.(?:jar|lpkg)$/) }),
  fc.record({ kind: fc.constant('plugin'), action: fc.constantFrom('install', 'update'), file: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_+-]{0,10}\.war$/) }),
  fc.record({ kind: fc.constant('property'), action: fc.constant('set'), settings: settings(propertyKey) }),
  fc.record({ kind: fc.constant('property'), action: fc.constant('unset'), keys: fc.uniqueArray(propertyKey, { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('config'), action: fc.constant('set'), pid: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,12}(?:~[A-Za-z0-9]{1,6})?$/).filter((p) => !p.includes('..') && !/\.(?:config|cfg)$/i.test(p)), settings: settings(configKey) }),
  fc.record({ kind: fc.constant('jvm'), action: fc.constantFrom('set', 'unset'), options: fc.uniqueArray(jvmOption, { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('java'), action: fc.constant('update'), version: fc.constantFrom('1.8.0_402', '11.0.22', '17.0.15+6', '21') }),
  fc.record({ kind: fc.constant('release'), action: fc.constant('update'), release: fc.constantFrom('7.4.13-u102', '2024.q1.3') }),
  fc.record({ kind: fc.constant('commerce'), action: fc.constant('update'), version: fc.constantFrom('2.0.7', '4.0.0') }),
);

const request = fc.tuple(change, common).map(([c, k]) => ({ ...c, ...k }) as MaintenanceRequest);

/** A word as a person might type it: as it is when it needs no quotes, or quoted whole with any quote kind (the closer escaped inside). */
const typed = (word: string, quote: string): string => {
  const closer = QUOTE_PAIRS[quote] ?? quote;
  const body = Array.from(word).map((ch, i, chars) => (ch === closer || (ch === '\\' && (i === chars.length - 1 || chars[i + 1] === closer || chars[i + 1] === '\\')) ? `\\${ch}` : ch)).join('');
  return `${quote}${body}${closer}`;
};

describe('request text round trips', () => {
  it('request -> describe -> parse gives the same request, for any request', () => {
    fc.assert(
      fc.property(request, (r) => {
        const text = describeRequest(r);
        expect(parseRequest(text), text).toEqual({ ok: true, value: r });
      }),
      { numRuns: 3000 },
    );
  });

  it('text -> request -> describe -> request: the canonical text means what the typed text meant', () => {
    // The request as a person might type it: each value word quoted whole with some quote kind, or not at all where it can stand alone.
    const typedText = fc.tuple(request, fc.infiniteStream(fc.constantFrom(...Object.keys(QUOTE_PAIRS), ''))).map(([r, quotes]) => {
      const word = (w: string): string => {
        const next: IteratorResult<string> = quotes.next();
        const quote = next.done === true ? '' : next.value;
        return quote === '' && quoteWord(w) === w ? w : typed(w, quote === '' ? '"' : quote);
      };
      const pairs = (list: readonly { key: string; value: string }[]): string => list.map((x) => word(`${x.key}=${x.value}`)).join(' ');
      const body =
        r.kind === 'property' && r.action === 'set' ? `property set ${pairs(r.settings)}`
          : r.kind === 'config' ? `config set ${r.pid} ${pairs(r.settings)}`
            : r.kind === 'jvm' ? `jvm ${r.action} ${r.options.map(word).join(' ')}`
              : describeRequest(r).replace(/ on \S+( --.*)?$/, '');
      return { r, text: `${body} on ${r.cluster}${r.schema === undefined ? '' : ` --schema ${r.schema}`}${r.dryRun ? ' --dry-run' : ''}` };
    });
    fc.assert(
      fc.property(typedText, ({ r, text }) => {
        const first = parseRequest(text);
        expect(first, text).toEqual({ ok: true, value: r });
        if (!first.ok) return;
        const again = describeRequest(first.value);
        expect(parseRequest(again), again).toEqual({ ok: true, value: first.value });
      }),
      { numRuns: 2000 },
    );
  });
});
