import { writeFileSync } from 'node:fs';
import ssh2 from 'ssh2';
import { fingerprintOf } from '../../../src/adapters/ssh/host-key-fingerprint.ts';

export interface SshKeyPair {
  /** OpenSSH private key (PEM-like, `-----BEGIN OPENSSH PRIVATE KEY-----`). */
  readonly privateKey: string;
  /** One authorized_keys line: `ssh-ed25519 AAAA... comment`. */
  readonly publicKey: string;
  /** The raw public key blob (SSH wire format). */
  readonly publicBlob: Buffer;
  /** `SHA256:...` as `ssh-keygen -lf` prints it. */
  readonly fingerprint: string;
}

/** A fresh ed25519 key pair, generated in-process by ssh2 (no ssh-keygen needed). */
const { utils } = ssh2;

export function generateSshKeyPair(comment: string): SshKeyPair {
  // ssh2's generator occasionally (about 1 in 300 here) returns an ed25519 pair its own parser
  // rejects as "Malformed OpenSSH public key"; such a pair is useless, so draw again.
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const pair = utils.generateKeyPairSync('ed25519', { comment });
    const parsed = utils.parseKey(pair.public);
    const privateParsed = utils.parseKey(pair.private);
    if (parsed instanceof Error) {
      lastError = parsed;
      continue;
    }
    if (privateParsed instanceof Error) {
      lastError = privateParsed;
      continue;
    }
    const publicBlob = parsed.getPublicSSH();
    return { privateKey: pair.private, publicKey: pair.public, publicBlob, fingerprint: fingerprintOf(publicBlob) };
  }
  throw lastError ?? new Error('could not generate an SSH key pair');
}

/** Writes the private key with mode 0600 (OpenSSH clients refuse looser keys) and its `.pub` next to it. */
export function writeSshKeyPair(pair: SshKeyPair, privatePath: string): void {
  writeFileSync(privatePath, pair.privateKey.endsWith('\n') ? pair.privateKey : `${pair.privateKey}\n`, { mode: 0o600 });
  writeFileSync(`${privatePath}.pub`, `${pair.publicKey}\n`, { mode: 0o644 });
}
