import { execFileSync } from 'node:child_process';
import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { errnoOf } from '../../domain/errno-of.ts';
import { fingerprintOf, normalizeFingerprint } from './host-key-fingerprint.ts';

const { utils } = ssh2;

function blobOf(publicKeyLine: string): Buffer {
  const parsed = utils.parseKey(publicKeyLine);
  if (parsed instanceof Error) throw parsed;
  return parsed.getPublicSSH();
}

function hasSshKeygen(): boolean {
  try {
    execFileSync('ssh-keygen', ['-?'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    return errnoOf(error) !== 'ENOENT';
  }
}

describe('fingerprintOf', () => {
  it('matches a fingerprint ssh-keygen -lf printed for a known key', () => {
    const line = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFU5C8UrC43nKOqwkKDNRu+hGisfyFN0/Pstujw/vXMn';
    expect(fingerprintOf(blobOf(line))).toBe('SHA256:RgKXR6im2O3len+VuhkN1kEeqlH+8pf1XyRitV8d2YU');
  });

  describe.skipIf(!hasSshKeygen())('agrees with ssh-keygen -lf', () => {
    it.each([
      { type: 'ed25519', generate: () => utils.generateKeyPairSync('ed25519') },
      { type: 'ecdsa', generate: () => utils.generateKeyPairSync('ecdsa', { bits: 256 }) },
      { type: 'rsa', generate: () => utils.generateKeyPairSync('rsa', { bits: 2048 }) },
    ])('for a $type key', ({ generate }) => {
      const pair = generate();
      // The key on standard input: no file to race with (a run once read an empty one).
      const printed = execFileSync('ssh-keygen', ['-lf', '-'], { input: `${pair.public}\n`, encoding: 'utf8' }).split(/\s+/)[1];
      expect(fingerprintOf(blobOf(pair.public))).toBe(printed);
    });
  });
});

describe('normalizeFingerprint', () => {
  it.each([
    ['SHA256:abc', 'SHA256:abc'],
    ['SHA256:abc=', 'SHA256:abc'],
    ['  SHA256:abc==\n', 'SHA256:abc'],
  ])('%j -> %j', (pin, expected) => {
    expect(normalizeFingerprint(pin)).toBe(expected);
  });
});
