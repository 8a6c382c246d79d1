import { describe, expect, it } from 'vitest';
import { MASKED } from './mask-secret.ts';
import { maskedFileText } from './masked-file-text.ts';

describe('maskedFileText: file text and command output as shown', () => {
  it.each([
    ['a property line', 'jdbc.default.password=S3cr3t', `jdbc.default.password=${MASKED}`],
    ['a colon property line', 'api.token: abc', `api.token: ${MASKED}`],
    ['a .config line', 'clientSecret="a b&c"', `clientSecret=${MASKED}`],
    ['a continued secret', 'ldap.security.credentials=part1\\\n   part2\nsession.timeout=30', `ldap.security.credentials=${MASKED}\n${MASKED}\nsession.timeout=30`],
    ['a -D option in setenv', 'CATALINA_OPTS="$CATALINA_OPTS -Xmx2g -Djavax.net.ssl.trustStorePassword=changeit"', `CATALINA_OPTS="$CATALINA_OPTS -Xmx2g -Djavax.net.ssl.trustStorePassword=${MASKED}"`],
    ['other keys as they are', 'session.timeout=30\njdbc.default.username=liferay', 'session.timeout=30\njdbc.default.username=liferay'],
    ['plain output as it is', 'writing /opt/liferay/portal-ext.properties failed: No space left on device', 'writing /opt/liferay/portal-ext.properties failed: No space left on device'],
  ])('%s', (_name, text, shown) => {
    expect(maskedFileText(text)).toBe(shown);
  });
});
