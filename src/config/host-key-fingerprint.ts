import { z } from 'zod';

/**
 * 32 bytes in unpadded base64: 42 free characters, then one that carries the last 4 bits
 * (its low 2 bits are zero).
 */
const fingerprint = /^SHA256:[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]$/;
const expected =
  'expected "SHA256:<43 base64 chars>" as printed by `ssh-keyscan -t ed25519 <host> | ssh-keygen -lf -`';

function problem(s: string): string | undefined {
  if (fingerprint.test(s)) return undefined;
  if (/^MD5:/i.test(s) || /^([0-9a-f]{2}:){15}[0-9a-f]{2}$/i.test(s)) return `MD5 fingerprints are not accepted: ${expected}`;
  if (/^SHA256:[A-Za-z0-9+/]{43}=$/.test(s)) return `${expected} (without the trailing "=")`;
  if (/^SHA256:[A-Za-z0-9+/]{43}$/.test(s)) return `${expected}: the last character cannot be "${s.at(-1) ?? ''}" in a SHA-256 fingerprint`;
  return expected;
}

/**
 * The pinned host key of a node, as `ssh-keygen -lf` prints it. Required: the bot never trusts a
 * key on first use.
 */
export const HostKeyFingerprint = z.string().superRefine((s, ctx) => {
  const message = problem(s);
  if (message !== undefined) ctx.addIssue({ code: 'custom', message });
});
export type HostKeyFingerprint = z.infer<typeof HostKeyFingerprint>;
