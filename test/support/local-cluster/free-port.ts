import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

function tryListen(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : undefined;
      server.close(() => resolve(bound));
    });
  });
}

/** Lowest port of the kernel's ephemeral range (outgoing connections take their ports from there). */
function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 0 ? low : 32768;
  } catch {
    return 32768;
  }
}

/**
 * A TCP port on 127.0.0.1 that was free a moment ago, for servers that need their port up front
 * (sshd, a simulated node started later). Picked at random below the ephemeral range, so the
 * many client connections of a test run cannot take it before the server binds it.
 */
export async function freePort(): Promise<number> {
  const high = ephemeralLow() - 1;
  const low = 10_000;
  if (high - low > 1000) {
    for (let i = 0; i < 50; i += 1) {
      const candidate = low + Math.floor(Math.random() * (high - low));
      if ((await tryListen(candidate)) !== undefined) return candidate;
    }
  }
  const any = await tryListen(0);
  if (any === undefined) throw new Error('no free TCP port on 127.0.0.1');
  return any;
}
