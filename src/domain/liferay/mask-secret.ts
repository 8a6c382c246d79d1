/** What a masked value reads as: fixed, so it tells neither the value nor its length. */
export const MASKED = '••••••';

/** Word parts that name a secret wherever they stand in a key (`jdbc.default.password`, `clientSecret`, `api.token`). */
const SECRET_WORDS: ReadonlySet<string> = new Set(['password', 'passwd', 'pwd', 'passphrase', 'secret', 'token', 'credential', 'credentials']);

/** Word parts that name a secret even inside a longer word (`keystorepassword`, `clientsecret`). */
const SECRET_INFIXES = ['password', 'passwd', 'secret'];

/**
 * The word parts of a key: split at `.`, `-`, `_` and other punctuation, and at camelCase
 * boundaries (`clientSecret` → client, secret; `APIKey` → api, key), in lower case.
 */
export function keyWords(key: string): string[] {
  return key
    .split(/[^A-Za-z0-9]+/)
    .flatMap((part) => part.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/))
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
}

/**
 * Does the key say its value is a secret? A word part `password`, `secret`, `token`,
 * `credential(s)` (and `passwd`, `pwd`, `passphrase`) anywhere; `password`, `passwd`, `secret`
 * inside a word; `key` only as the last word part (`api.key`, `apiKey`, `private.key`: the key
 * names a key), not elsewhere (`key.store.type`) and never inside a word (`keyboard`, `monkey`).
 * Over-masking is the safe side: `auth.token.check.enabled` is masked too.
 */
export function isSecretKey(key: string): boolean {
  const words = keyWords(key);
  if (words.some((word) => SECRET_WORDS.has(word) || SECRET_INFIXES.some((infix) => word.includes(infix)))) return true;
  return words.at(-1) === 'key';
}

/** The value as it may be shown: MASKED when the key says it is a secret, else as it is. */
export function maskSecret(key: string, value: string): string {
  return isSecretKey(key) ? MASKED : value;
}
