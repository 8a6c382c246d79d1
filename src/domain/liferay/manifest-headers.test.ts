import { describe, expect, it } from 'vitest';
import { manifestHeaders } from './manifest-headers.ts';

describe('manifestHeaders', () => {
  it.each<[string, string, Record<string, string>]>([
    ['CRLF lines', 'Manifest-Version: 1.0\r\nBundle-SymbolicName: com.acme.foo\r\nBundle-Version: 1.2.3\r\n\r\n', { 'Manifest-Version': '1.0', 'Bundle-SymbolicName': 'com.acme.foo', 'Bundle-Version': '1.2.3' }],
    ['72-byte continuation lines are joined', 'Bundle-SymbolicName: com.acme.a.very.long.symbolic.name.that.goes.past.seventy-t\r\n wo.bytes\r\nLiferay-Require-SchemaVersion: 2.0.0\r\n', { 'Bundle-SymbolicName': 'com.acme.a.very.long.symbolic.name.that.goes.past.seventy-two.bytes', 'Liferay-Require-SchemaVersion': '2.0.0' }],
    ['only the main section', 'Bundle-Version: 1.0.0\n\nName: com/acme/Foo.class\nSHA-256-Digest: abc\n', { 'Bundle-Version': '1.0.0' }],
    ['lines that are no header are skipped, a continuation after them too', 'garbage\n continued\nBundle-Version: 2.0.0\n', { 'Bundle-Version': '2.0.0' }],
    ['empty text', '', {}],
  ])('%s', (_name, text, expected) => {
    expect(Object.fromEntries(manifestHeaders(text))).toEqual(expected);
  });
});
