import { hostname, userInfo } from 'node:os';
import { errnoOf } from '../domain/errno-of.ts';

/** This process as the owner of a rollout: `bot:ops@host1:4242`, `cli:ana@laptop:777`. */
export function processOwner(kind: 'bot' | 'cli'): string {
  return `${kind}:${userInfo().username}@${hostname()}:${process.pid}`;
}

/**
 * True only when the owner's process is certainly gone: it ran on this host and no process has its
 * pid any more. An owner on another host is never "gone": its lease has to run out first.
 */
export function ownerIsGone(owner: string): boolean {
  const match = /^[a-z]+:[^@]*@(.+):(\d+)$/.exec(owner);
  if (match === null) return false;
  const [, host, pidText = ''] = match;
  const pid = Number.parseInt(pidText, 10);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return errnoOf(error) === 'ESRCH';
  }
}
