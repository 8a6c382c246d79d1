import { describe, expect, it } from 'vitest';
import { isSecretKey, keyWords, MASKED, maskSecret } from './mask-secret.ts';

describe('isSecretKey', () => {
  it.each([
    ['jdbc.default.password', true],
    ['jdbc.default.username', false],
    ['jdbc.default.url', false],
    ['mail.session.mail.smtp.password', true],
    ['ldap.security.credentials.0', true],
    ['oauth.client.secret', true],
    ['clientSecret', true],
    ['api.token', true],
    ['accessToken', true],
    ['auth.token.check.enabled', true], // over-masking is the safe side
    ['tokenizer.class', false], // `token` only as a whole word part
    ['keystorepassword', true], // `password` inside a word
    ['dl.store.s3.secret.key', true],
    ['api.key', true],
    ['apiKey', true],
    ['APIKey', true],
    ['private_key', true],
    ['key.store.type', false], // `key` only as the last word part
    ['keyboard.shortcuts.enabled', false],
    ['monkey', false],
    ['session.timeout', false],
    ['company.default.locale', false],
    // A key that mentions a secret is masked even where its value only concerns one: the safe side.
    ['passwords.toolkit', true],
    ['admin.email.password.sent.subject', true],
  ])('%s: %s', (key, secret) => {
    expect(isSecretKey(key)).toBe(secret);
  });
});

describe('keyWords', () => {
  it.each([
    ['jdbc.default.password', ['jdbc', 'default', 'password']],
    ['clientSecret', ['client', 'secret']],
    ['APIKey', ['api', 'key']],
    ['s3_bucket-name', ['s3', 'bucket', 'name']],
  ])('%s', (key, words) => {
    expect(keyWords(key)).toEqual(words);
  });
});

describe('maskSecret', () => {
  it.each([
    ['jdbc.default.password', 'hunter2', MASKED],
    ['jdbc.default.password', '', MASKED],
    ['api.token', 'a-very-long-token-value-that-must-not-show-its-length', MASKED],
    ['session.timeout', '45', '45'],
    ['session.timeout', '', ''],
  ])('%s=%j shows as %j', (key, value, shown) => {
    expect(maskSecret(key, value)).toBe(shown);
  });
});
