import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { HealthUrl, HostKeyFingerprint, HostName, LocalPath, Port, RemoteAbsolutePath, SettleSeconds, TomcatDir } from './inventory-scalars.ts';

const valid = 'SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s';

describe('inventory scalars: accepted', () => {
  it.each<[string, z.ZodType, unknown, unknown]>([
    ['HostKeyFingerprint', HostKeyFingerprint, valid, valid],
    ['HostKeyFingerprint (example placeholder)', HostKeyFingerprint, 'SHA256:REPLACE+ME+prod+node1+00000000000000000000A', 'SHA256:REPLACE+ME+prod+node1+00000000000000000000A'],
    ['HostKeyFingerprint (only + and /)', HostKeyFingerprint, 'SHA256:/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+w', 'SHA256:/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+w'],
    ['HostName (IPv6)', HostName, 'fd00::11', 'fd00::11'],
    ['Port', Port, 65535, 65535],
    ['RemoteAbsolutePath (normalised)', RemoteAbsolutePath, '/opt//liferay/./', '/opt/liferay'],
    ['RemoteAbsolutePath (root)', RemoteAbsolutePath, '/', '/'],
    ['TomcatDir (nested)', TomcatDir, 'servers/tomcat-9.0.83', 'servers/tomcat-9.0.83'],
    ['HealthUrl (no {host})', HealthUrl, 'https://lb.example.com/ping', 'https://lb.example.com/ping'],
    ['LocalPath (~/…)', LocalPath, '~/.ssh/id_ed25519', '~/.ssh/id_ed25519'],
    ['SettleSeconds (whole)', SettleSeconds, 1, 1],
    ['SettleSeconds (fraction)', SettleSeconds, 0.25, 0.25],
  ])('%s: %j', (_name, schema, input, output) => {
    expect(schema.safeParse(input)).toEqual({ success: true, data: output });
  });
});

describe('inventory scalars: refused, with the reason', () => {
  it.each<[string, z.ZodType, unknown, RegExp]>([
    ['empty fingerprint', HostKeyFingerprint, '', /^expected "SHA256:<43 base64 chars>"/],
    ['fingerprint without the SHA256: prefix', HostKeyFingerprint, valid.slice(7), /^expected "SHA256:/],
    ['fingerprint with a lower-case prefix', HostKeyFingerprint, valid.replace('SHA256', 'sha256'), /^expected "SHA256:/],
    ['fingerprint too short', HostKeyFingerprint, valid.slice(0, -1), /^expected "SHA256:/],
    ['fingerprint too long', HostKeyFingerprint, `${valid}A`, /^expected "SHA256:/],
    ['fingerprint with padding', HostKeyFingerprint, `${valid}=`, /without the trailing "="/],
    ['fingerprint with an impossible last character', HostKeyFingerprint, `${valid.slice(0, -1)}t`, /last character cannot be "t"/],
    ['MD5 fingerprint with prefix', HostKeyFingerprint, 'MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48', /MD5 fingerprints are not accepted/],
    ['MD5 fingerprint, legacy form', HostKeyFingerprint, '16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48', /MD5 fingerprints are not accepted/],
    ['a public key instead of its fingerprint', HostKeyFingerprint, 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl', /^expected "SHA256:/],
    ['URL-safe base64 fingerprint', HostKeyFingerprint, valid.replace('D2s', 'D_s'), /^expected "SHA256:/],
    ['host name with a numeric top label', HostName, 'node.123', /host name or an IP address/],
    ['port 0', Port, 0, /1 to 65535/],
    ['relative remote path', RemoteAbsolutePath, 'opt/liferay', /absolute path/],
    ['Tomcat folder "."', TomcatDir, 'tomcat/.', /relative to liferayHome/],
    ['health URL with a space', HealthUrl, 'http://{host}/a b', /http\(s\) URL/],
    ['local path "~user"', LocalPath, '~bob/key', /not "~user"/],
    ['settle window of 0', SettleSeconds, 0, /^expected a number of seconds greater than 0, like 1 or 0\.5$/],
    ['negative settle window', SettleSeconds, -1, /^expected a number of seconds greater than 0/],
    ['settle window as text', SettleSeconds, '1', /expected number, received string/],
    ['endless settle window', SettleSeconds, Infinity, /expected number, received Infinity/],
  ])('%s', (_name, schema, input, message) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(message);
  });
});
