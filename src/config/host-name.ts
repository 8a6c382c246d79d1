import { isIP } from 'node:net';
import { z } from 'zod';

const label = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

function isHostName(s: string): boolean {
  if (isIP(s) !== 0) return true;
  const labels = s.split('.');
  return s.length <= 253 && labels.every((l) => label.test(l)) && !/^[0-9]+$/.test(labels.at(-1) ?? '');
}

/** A node's address: a DNS name, an IPv4 or an IPv6 address (without brackets). */
export const HostName = z.string().refine(isHostName, 'expected a host name or an IP address');
export type HostName = z.infer<typeof HostName>;
