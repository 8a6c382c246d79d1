import { parseJavaVersion } from '../liferay/java-version.ts';
import { parseReleaseName } from '../liferay/release-name.ts';
import { err, ok, type Result } from '../result.ts';
import { extractTrailer } from './extract-trailer.ts';
import { findUnsafeCharacter } from './find-unsafe-character.ts';
import { ClusterName, type MaintenanceRequest, type Setting } from './maintenance-request.ts';
import { parseFileName } from './parse-file-name.ts';
import { parseJvmOption } from './parse-jvm-option.ts';
import { parsePatchArgument, type PatchNoun } from './parse-patch-argument.ts';
import { parsePid } from './parse-pid.ts';
import { parseSetting } from './parse-setting.ts';
import { parseSettingKey } from './parse-setting-key.ts';
import { quoteToken } from './quote-token.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A request without the parts every change shares (`on`, `--schema`, `--dry-run`). */
type ChangeBody = DistributiveOmit<MaintenanceRequest, 'cluster' | 'schema' | 'dryRun'>;

interface Context {
  /** `fixpack install`, for messages. */
  readonly phrase: string;
  /** `on <cluster>` was given (to hint at a missing `on` otherwise). */
  readonly hasCluster: boolean;
}

type ParseBody = (words: readonly string[], context: Context) => Result<ChangeBody, string>;

function unexpected(word: string, context: Context, after: string): string {
  const hint = !context.hasCluster && ClusterName.safeParse(word).success ? ` (missing "on" before the cluster?)` : '';
  return `unexpected ${quoteToken(word)} after ${after}${hint}`;
}

/** Exactly one argument word. */
function single(words: readonly string[], context: Context, what: string): Result<string, string> {
  const [first, second] = words;
  if (first === undefined) return err(`missing ${what} after "${context.phrase}"`);
  if (second !== undefined) return err(unexpected(second, context, `"${context.phrase} ${first}": one ${what} per request`));
  return ok(first);
}

/** One or more argument words, each parsed, none twice. */
function several<T>(
  words: readonly string[],
  context: Context,
  what: string,
  parse: (word: string) => Result<T, string>,
  keyOf: (value: T) => string,
): Result<[T, ...T[]], string> {
  if (words.length === 0) return err(`missing ${what} after "${context.phrase}"`);
  const values: T[] = [];
  const seen = new Set<string>();
  for (const word of words) {
    const parsed = parse(word);
    if (!parsed.ok) return parsed;
    const key = keyOf(parsed.value);
    if (seen.has(key)) return err(`${quoteToken(key)} is given twice`);
    seen.add(key);
    values.push(parsed.value);
  }
  const [first, ...rest] = values;
  return first === undefined ? err(`missing ${what} after "${context.phrase}"`) : ok([first, ...rest]);
}

function patch(kind: PatchNoun, action: 'install' | 'revert'): ParseBody {
  return (words, context) => {
    const word = single(words, context, kind === 'fixpack' ? 'fix pack id' : 'hotfix id');
    if (!word.ok) return word;
    const id = parsePatchArgument(word.value, kind, action);
    return id.ok ? ok({ kind, action, patch: id.value }) : id;
  };
}

function artifact(kind: 'module' | 'plugin', action: 'install' | 'update'): ParseBody {
  return (words, context) => {
    const word = single(words, context, kind === 'module' ? '.jar or .lpkg file name' : '.war file name');
    if (!word.ok) return word;
    const file = parseFileName(word.value, kind);
    return file.ok ? ok({ kind, action, file: file.value }) : file;
  };
}

const propertySet: ParseBody = (words, context) => {
  const settings = several(words, context, '<key>=<value>', (w) => parseSetting(w, 'property'), (s: Setting) => s.key);
  return settings.ok ? ok({ kind: 'property', action: 'set', settings: settings.value }) : settings;
};

const propertyUnset: ParseBody = (words, context) => {
  const keys = several(
    words,
    context,
    'property key',
    (w) => (w.includes('=') ? err(`${quoteToken(w)} is not a property key: "property unset" takes keys only, without "="`) : parseSettingKey(w, 'property')),
    (k: string) => k,
  );
  return keys.ok ? ok({ kind: 'property', action: 'unset', keys: keys.value }) : keys;
};

const configSet: ParseBody = (words, context) => {
  const [pidWord, ...rest] = words;
  if (pidWord === undefined) return err(`missing PID after "${context.phrase}"`);
  const pid = parsePid(pidWord);
  if (!pid.ok) return pid;
  const settings = several(rest, { ...context, phrase: `${context.phrase} ${pid.value}` }, '<key>=<value>', (w) => parseSetting(w, 'config'), (s: Setting) => s.key);
  return settings.ok ? ok({ kind: 'config', action: 'set', pid: pid.value, settings: settings.value }) : settings;
};

function jvm(action: 'set' | 'unset'): ParseBody {
  return (words, context) => {
    const options = several(words, context, 'JVM option', parseJvmOption, (o: string) => o);
    return options.ok ? ok({ kind: 'jvm', action, options: options.value }) : options;
  };
}

const javaUpdate: ParseBody = (words, context) => {
  const word = single(words, context, 'Java version');
  if (!word.ok) return word;
  const unsafe = findUnsafeCharacter(word.value);
  if (unsafe !== undefined) return err(`${quoteToken(word.value)} ${unsafe}`);
  if (parseJavaVersion(word.value) === undefined) {
    return err(`${quoteToken(word.value)} is not a Java version (expected e.g. 1.8.0_402, 11.0.22, 17.0.15+6 or 21)`);
  }
  return ok({ kind: 'java', action: 'update', version: word.value });
};

const releaseUpdate: ParseBody = (words, context) => {
  const word = single(words, context, 'release');
  if (!word.ok) return word;
  const unsafe = findUnsafeCharacter(word.value);
  if (unsafe !== undefined) return err(`${quoteToken(word.value)} ${unsafe}`);
  const release = parseReleaseName(word.value);
  if (release === undefined) return err(`${quoteToken(word.value)} is not a release (expected e.g. 7.4.13-u102 or 2024.q1.3)`);
  return ok({ kind: 'release', action: 'update', release: release.id });
};

/** Semver core without leading zeros: `2.0.7`. */
const COMMERCE_VERSION = /^(?:0|[1-9][0-9]{0,5})\.(?:0|[1-9][0-9]{0,5})\.(?:0|[1-9][0-9]{0,5})$/;

const commerceUpdate: ParseBody = (words, context) => {
  const word = single(words, context, 'Commerce version');
  if (!word.ok) return word;
  const unsafe = findUnsafeCharacter(word.value);
  if (unsafe !== undefined) return err(`${quoteToken(word.value)} ${unsafe}`);
  if (!COMMERCE_VERSION.test(word.value)) return err(`${quoteToken(word.value)} is not a Commerce version (expected major.minor.micro, e.g. 2.0.7)`);
  return ok({ kind: 'commerce', action: 'update', version: word.value });
};

/** Every change noun and its verbs: the change half of the request grammar. */
const GRAMMAR: Readonly<Record<MaintenanceRequest['kind'], Readonly<Record<string, ParseBody>>>> = {
  fixpack: { install: patch('fixpack', 'install'), revert: patch('fixpack', 'revert') },
  hotfix: { install: patch('hotfix', 'install'), revert: patch('hotfix', 'revert') },
  module: { install: artifact('module', 'install'), update: artifact('module', 'update') },
  plugin: { install: artifact('plugin', 'install'), update: artifact('plugin', 'update') },
  property: { set: propertySet, unset: propertyUnset },
  config: { set: configSet },
  jvm: { set: jvm('set'), unset: jvm('unset') },
  java: { update: javaUpdate },
  release: { update: releaseUpdate },
  commerce: { update: commerceUpdate },
};

/** The change nouns in grammar order. */
export const CHANGE_NOUNS = Object.keys(GRAMMAR) as readonly MaintenanceRequest['kind'][];

function isNoun(word: string): word is MaintenanceRequest['kind'] {
  return Object.hasOwn(GRAMMAR, word);
}

function oneOf(options: readonly string[]): string {
  return options.length <= 1 ? options.join('') : `${options.slice(0, -1).join(', ')} or ${options.at(-1) ?? ''}`;
}

/**
 * Parse a change request's words (`fixpack install dxp-9-7110 on prod --dry-run`): noun and verb
 * first (case-insensitive), then the change's own words with `on <cluster>` and the flags anywhere
 * among them. The failure is a one-line reason.
 */
export function parseChange(tokens: readonly string[]): Result<MaintenanceRequest, string> {
  const [nounWord, verbWord, ...rest] = tokens;
  if (nounWord === undefined) return err('empty request');
  const noun = nounWord.toLowerCase();
  if (!isNoun(noun)) {
    return err(`unknown request ${quoteToken(nounWord)} (expected help, status, history or a change: ${CHANGE_NOUNS.join(', ')})`);
  }
  const verbs = GRAMMAR[noun];
  const expected = `(expected ${oneOf(Object.keys(verbs))})`;
  if (verbWord === undefined || verbWord.toLowerCase() === 'on' || verbWord.startsWith('-')) return err(`missing verb for ${noun} ${expected}`);
  const verb = verbWord.toLowerCase();
  const parseBody = Object.hasOwn(verbs, verb) ? verbs[verb] : undefined;
  if (parseBody === undefined) return err(`unknown verb ${quoteToken(verbWord)} for ${noun} ${expected}`);

  const trailer = extractTrailer(rest, { dashWordsAreValues: noun === 'jvm' });
  if (!trailer.ok) return trailer;
  const { words, cluster, schema, dryRun } = trailer.value;
  const body = parseBody(words, { phrase: `${noun} ${verb}`, hasCluster: cluster !== undefined });
  if (!body.ok) return body;
  if (cluster === undefined) return err('missing "on <cluster>"');
  return ok({ ...body.value, cluster, dryRun, ...(schema === undefined ? {} : { schema }) });
}
