import { describe, expect, it } from 'vitest';
import { HostKeyFingerprint } from './host-key-fingerprint.ts';

const valid = 'SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s';

describe('HostKeyFingerprint', () => {
  it.each([valid, 'SHA256:REPLACE+ME+prod+node1+00000000000000000000A', 'SHA256:/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+w'])('accepts %s', (s) => {
    expect(HostKeyFingerprint.safeParse(s).success).toBe(true);
  });

  it.each<[string, string, RegExp]>([
    ['empty', '', /^expected "SHA256:<43 base64 chars>"/],
    ['without the SHA256: prefix', valid.slice(7), /^expected "SHA256:/],
    ['lower-case prefix', valid.replace('SHA256', 'sha256'), /^expected "SHA256:/],
    ['too short', valid.slice(0, -1), /^expected "SHA256:/],
    ['too long', `${valid}A`, /^expected "SHA256:/],
    ['with padding', `${valid}=`, /without the trailing "="/],
    ['impossible last character', `${valid.slice(0, -1)}t`, /last character cannot be "t"/],
    ['MD5 with prefix', 'MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48', /MD5 fingerprints are not accepted/],
    ['MD5 legacy form', '16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48', /MD5 fingerprints are not accepted/],
    ['a public key instead', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl', /^expected "SHA256:/],
    ['URL-safe base64', valid.replace('D2s', 'D_s'), /^expected "SHA256:/],
  ])('rejects %s', (_name, s, message) => {
    const result = HostKeyFingerprint.safeParse(s);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(message);
  });
});
