import { isSecretKey, MASKED } from './mask-secret.ts';

/** `key=value`, `key: value` (portal-ext.properties) or `key="value"` (an OSGi `.config`) at the start of a line. */
const KEY_LINE = /^(\s*)([^\s=:#!"][^\s=:"]*)(\s*[=:]\s*)(.*)$/;
/** A `-Dkey=value` system property anywhere in a line (setenv.sh's CATALINA_OPTS, a command line). */
const SYSTEM_PROPERTY = /(-D)([^\s=:"'\\]+)=("[^"]*"?|'[^']*'?|[^\s"']*)/g;

/**
 * Text read from a node's files or its commands' output (a step's output tail, a line quoted in a
 * message) as it may be shown: the values of keys that name a secret (`isSecretKey`) masked,
 * whether a line sets one (`jdbc.default.password=…`, `clientSecret="…"`, and the backslash
 * continuation lines of such a value) or a `-D` option does (`-Dx.keyStorePassword=…`).
 */
export function maskedFileText(text: string): string {
  let continued = false;
  return text
    .split('\n')
    .map((line) => {
      if (continued) {
        continued = /\\\s*$/.test(line);
        return MASKED;
      }
      const setting = KEY_LINE.exec(line);
      if (setting !== null && isSecretKey(setting[2] ?? '')) {
        continued = /\\\s*$/.test(line);
        return `${setting[1] ?? ''}${setting[2] ?? ''}${setting[3] ?? ''}${MASKED}`;
      }
      return line.replace(SYSTEM_PROPERTY, (whole: string, d: string, key: string) => (isSecretKey(key) ? `${d}${key}=${MASKED}` : whole));
    })
    .join('\n');
}
