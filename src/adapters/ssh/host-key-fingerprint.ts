import { createHash } from 'node:crypto';

/**
 * The fingerprint `ssh-keygen -lf` prints for a host key: `SHA256:` + unpadded base64 of the
 * SHA-256 of the raw public key blob (the wire format, e.g. `ssh-ed25519` + key bytes).
 */
export function fingerprintOf(keyBlob: Buffer): string {
  const digest = createHash('sha256').update(keyBlob).digest('base64');
  return `SHA256:${digest.replace(/=+$/, '')}`;
}

/** Pins are compared without base64 padding, so `SHA256:abc=` and `SHA256:abc` are the same pin. */
export function normalizeFingerprint(pin: string): string {
  return pin.trim().replace(/=+$/, '');
}
