import { describe, expect, it } from 'vitest';
import { parseCommand } from '../request/parse-command.ts';
import type { MaintenanceRequest } from '../request/maintenance-request.ts';
import { maskedRequestText } from './masked-request-text.ts';
import { MASKED } from './mask-secret.ts';
import { shownRequestText } from './shown-request-text.ts';

function request(text: string): MaintenanceRequest {
  const parsed = parseCommand(text);
  if (!parsed.ok || parsed.value.type !== 'change') throw new Error(`not a change: ${text}`);
  return parsed.value.request;
}

describe('shownRequestText: the one text a request is shown as', () => {
  it.each([
    ['property set jdbc.default.password=S3cr3t on prod', `property set jdbc.default.password=${MASKED} on prod`],
    ['config set com.x.Y clientSecret="a b&c" on prod', `config set com.x.Y clientSecret=${MASKED} on prod`],
    ['jvm set -Xmx3g -Djavax.net.ssl.trustStorePassword=changeit on prod', `jvm set -Xmx3g -Djavax.net.ssl.trustStorePassword=${MASKED} on prod`],
    ['property set session.timeout=45 on prod', 'property set session.timeout=45 on prod'],
  ])('%s', (typed, shown) => {
    expect(shownRequestText(request(typed))).toBe(shown);
  });

  it.each([
    ['an old text quoting a secret: derived again', 'property set jdbc.default.password=S3cr3t on prod', `property set jdbc.default.password=${MASKED} on prod`],
    ['a text without a secret: as stored', 'property set session.timeout=45   on prod', 'property set session.timeout=45   on prod'],
  ])('maskedRequestText: %s', (_name, stored, shown) => {
    expect(maskedRequestText(stored, request(stored.replace(/ +/g, ' ')))).toBe(shown);
  });
});
