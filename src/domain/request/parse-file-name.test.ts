import { describe, expect, it } from 'vitest';
import { parseFileName, type ArtifactKind } from './parse-file-name.ts';

describe('parseFileName', () => {
  it.each<[string, ArtifactKind]>([
    ['x.jar', 'module'],
    ['com.acme.web-1.2.0.jar', 'module'],
    ['Acme_Suite+2.lpkg', 'module'],
    ['9lives.jar', 'module'],
    ['acme-theme.war', 'plugin'],
    ['Acme-Theme-7.4.0-SNAPSHOT.war', 'plugin'],
  ])('accepts %j as a %s', (token, kind) => {
    expect(parseFileName(token, kind)).toEqual({ ok: true, value: token });
  });

  it.each<[string, ArtifactKind, string]>([
    ['../x.jar', 'module', 'path separators and ".." are not allowed'],
    ['a/x.jar', 'module', 'path separators'],
    ['a\\x.jar', 'module', 'path separators'],
    ['x..jar', 'module', '".."'],
    ['x$.jar', 'module', 'shell metacharacter ("$")'],
    ['x;y.jar', 'module', 'shell metacharacter (";")'],
    ['é.jar', 'module', 'not printable ASCII'],
    ['.jar', 'module', 'is not a file name'],
    ['-x.jar', 'module', 'is not a file name'],
    ['x~.jar', 'module', 'is not a file name'],
    ['x.war', 'module', 'is not a module file: expected a .jar or .lpkg file name'],
    ['x.JAR', 'module', 'is not a module file'],
    ['x.jar.zip', 'module', 'is not a module file'],
    ['x.jar', 'plugin', 'is not a plugin file: expected a .war file name'],
    [`${'a'.repeat(300)}.jar`, 'module', 'is not a file name'],
  ])('refuses %j as a %s: %s', (token, kind, fragment) => {
    const result = parseFileName(token, kind);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(fragment);
  });
});
