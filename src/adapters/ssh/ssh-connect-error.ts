import { CodedError } from '../../domain/coded-error.ts';
import type { ErrorCode } from '../../domain/error-code.ts';
import type { NodeTarget } from '../../app/ports.ts';
import { messageOf } from '../../domain/message-of.ts';
import { errnoOf } from '../../domain/errno-of.ts';

/** Error codes `connect` can throw (of `ErrorCode`). Transient ones are worth a reconnect attempt. */
export type SshConnectErrorCode = Extract<
  ErrorCode,
  | 'host_key_mismatch'
  | 'auth_failed'
  | 'key_unreadable'
  | 'connect_timeout'
  | 'unreachable'
  | 'connect_failed'
>;

const TRANSIENT: ReadonlySet<ErrorCode> = new Set<SshConnectErrorCode>(['connect_timeout', 'unreachable', 'connect_failed']);

export function isTransientConnectError(error: unknown): boolean {
  return error instanceof CodedError && TRANSIENT.has(error.code);
}

const UNREACHABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EADDRNOTAVAIL',
  'EPIPE',
]);

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** What the host-key verifier saw, so a refused handshake can name the offered key. */
export interface HostKeyCheck {
  readonly expected: string;
  seen?: string;
  refused: boolean;
}

/** Turns whatever ssh2/node-ssh threw during `connect` into a one-line CodedError. */
export function toConnectError(error: unknown, target: NodeTarget, hostKey: HostKeyCheck): CodedError {
  if (error instanceof CodedError) return error;
  const where = `${target.host}:${target.port}`;
  const message = oneLine(messageOf(error));
  const level = error instanceof Error && 'level' in error && typeof error.level === 'string' ? error.level : undefined;
  const errno = errnoOf(error);
  const details = { node: target.name, host: target.host, port: target.port, cause: message };

  if (hostKey.refused) {
    return new CodedError(
      'host_key_mismatch',
      `${target.name}: host key of ${where} does not match its pin: expected ${hostKey.expected}, seen ${hostKey.seen ?? 'none'}; refusing to connect`,
      { ...details, expected: hostKey.expected, seen: hostKey.seen ?? null },
    );
  }
  if (/cannot parse privatekey|privateKey value/i.test(message)) {
    return new CodedError('key_unreadable', `${target.name}: the private key cannot be used (${message})`, details);
  }
  if (level === 'client-authentication' || /authentication methods failed/i.test(message)) {
    return new CodedError('auth_failed', `${target.name}: authentication as ${target.user} at ${where} failed (${message})`, details);
  }
  if (level === 'client-timeout' || /timed out/i.test(message)) {
    return new CodedError(
      'connect_timeout',
      `${target.name}: no SSH handshake with ${where} within ${target.connectTimeoutMs} ms`,
      details,
    );
  }
  if (
    (errno !== undefined && UNREACHABLE_ERRNOS.has(errno)) ||
    level === 'client-dns' ||
    /connection lost before handshake|no response from server/i.test(message)
  ) {
    return new CodedError('unreachable', `${target.name}: cannot reach ${where} (${errno ?? message})`, { ...details, errno: errno ?? null });
  }
  return new CodedError('connect_failed', `${target.name}: SSH connection to ${where} failed (${message})`, details);
}
