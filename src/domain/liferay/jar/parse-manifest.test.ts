import { describe, expect, it } from 'vitest';
import { manifestHeader, parseManifest } from './parse-manifest.ts';

describe('parseManifest', () => {
  it.each<[string, string, Record<string, string>]>([
    ['72-byte continuation lines are joined', 'Bundle-SymbolicName: com.acme.a.very.long.symbolic.name.that.goes.past.seventy-t\r\n wo.bytes\r\nLiferay-Require-SchemaVersion: 2.0.0\r\n', { 'Bundle-SymbolicName': 'com.acme.a.very.long.symbolic.name.that.goes.past.seventy-two.bytes', 'Liferay-Require-SchemaVersion': '2.0.0' }],
    ['only the main section', 'Bundle-Version: 1.0.0\n\nName: com/acme/Foo.class\nSHA-256-Digest: abc\n', { 'Bundle-Version': '1.0.0' }],
    ['lines that are no header are skipped, a continuation after them too', 'Bundle-Version: 2.0.0\ngarbage\n continued\n', { 'Bundle-Version': '2.0.0' }],
    ['blank lines before the first header (a node probe\'s output)', '\n\nBundle-Version: 3.0.0\n', { 'Bundle-Version': '3.0.0' }],
    ['empty text', '', {}],
  ])('%s', (_name, text, expected) => {
    expect(parseManifest(text)).toEqual(expected);
  });

  it.each([
    ['CRLF', '\r\n'],
    ['LF', '\n'],
    ['CR', '\r'],
  ])('reads the main section with %s line ends and 72-byte continuation lines', (_name, eol) => {
    const text = [
      'Manifest-Version: 1.0',
      'Bundle-SymbolicName: com.acme.foo.service;singleton:=true',
      'Liferay-Require-SchemaVersion: 2.0.0',
      'Bundle-Description: A fixture module whose description is long enough to',
      '  need a continuation line',
      'Import-Package: com.liferay.portal.kernel.upgrade;version="[7.0,8)",com.lif',
      ' eray.portal.upgrade.registry',
      '',
      'Name: com/acme/Other.class',
      'Bundle-Version: 9.9.9',
      '',
    ].join(eol);
    const headers = parseManifest(text);
    expect(headers).toEqual({
      'Manifest-Version': '1.0',
      'Bundle-SymbolicName': 'com.acme.foo.service;singleton:=true',
      'Liferay-Require-SchemaVersion': '2.0.0',
      'Bundle-Description': 'A fixture module whose description is long enough to need a continuation line',
      'Import-Package': 'com.liferay.portal.kernel.upgrade;version="[7.0,8)",com.liferay.portal.upgrade.registry',
    });
    expect(manifestHeader(headers, 'liferay-require-schemaversion')).toBe('2.0.0');
    expect(manifestHeader(headers, 'Bundle-Version')).toBeUndefined();
  });
});
