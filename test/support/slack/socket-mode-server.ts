import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { closeCodeOf, closePayload, encodeFrame, FrameReader, OPCODES, WEB_SOCKET_GUID, type WebSocketFrame } from './web-socket-frames.ts';
import type { SlackJson } from './fake-slack-workspace.ts';

/**
 * Slack's Socket Mode end, for tests: the WebSocket side of `apps.connections.open`. The Web API
 * stand-in (fake-slack-api.ts) answers `apps.connections.open` with `openConnection()`'s URL and
 * hands its HTTP server's `upgrade` events here. On each connection this sends `hello`, then
 * delivers envelopes (`slash_commands`, `interactive`, `events_api`) and resolves each delivery
 * with the ack the app sends back by `envelope_id`, like an HTTP response body. It answers pings,
 * can ping, and can ask the app to reconnect (`disconnect`, `refresh_requested`).
 *
 * What @slack/socket-mode 3.x (undici's WebSocket) does on its side: it pings every
 * clientPingTimeout / 3 (5 s / 3) and drops a connection whose last pong is older than 5 s; once the
 * server has pinged, it expects a ping every 30 s; on `disconnect` it closes (code 1000), waits for
 * the server's close frame, and after clientPingTimeout (5 s) calls `apps.connections.open` again.
 */

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

/** What the app sent back for an envelope. */
export interface SocketModeAck {
  readonly envelopeId: string;
  readonly type: EnvelopeType;
  /** The ack's `payload` (what an HTTP response body would carry); `{}` for a bare `ack()`. */
  readonly payload: SlackJson | undefined;
  /** Milliseconds from sending the envelope to reading its ack. */
  readonly ackMs: number;
}

export interface DeliverOptions {
  /** Slack sets it for slash commands and view submissions (the ack may carry a response). */
  readonly acceptsResponsePayload?: boolean;
  /** For `events_api` redeliveries. */
  readonly retryAttempt?: number;
  readonly retryReason?: string;
  /** How long to wait for an open connection first (a reconnect takes the client about 5 s). */
  readonly connectTimeoutMs?: number;
}

export interface SocketModeServerOptions {
  readonly appId: string;
  /** Slack's deadline for an ack: after it, the user sees an error. Default 3000 ms. */
  readonly ackTimeoutMs?: number;
}

/** Something the app wrote on a connection, in arrival order. */
export interface SocketModeFrameRecord {
  readonly connection: number;
  readonly kind: 'text' | 'ping' | 'pong' | 'close' | 'binary';
  readonly data: string;
}

export interface SocketModeServer {
  /** What `apps.connections.open` answers: a fresh single-use ticket on `ws://127.0.0.1:PORT/link/`. */
  openConnection(origin: string): { readonly url: string };
  /** The `upgrade` handler for the Web API stand-in's HTTP server. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Connections open now (each was sent `hello`). */
  connections(): number;
  /** How many connections were ever opened. */
  connectionsOpened(): number;
  /** Resolves once `count` connections have ever been opened (and the newest is still open). */
  waitForConnection(count?: number, timeoutMs?: number): Promise<void>;
  /** Sends an envelope on an open connection (waiting for one first) and resolves with its ack. */
  deliver(type: EnvelopeType, payload: SlackJson, options?: DeliverOptions): Promise<SocketModeAck>;
  /** Pings the newest connection and resolves with the pong's payload. */
  ping(data?: string, timeoutMs?: number): Promise<string>;
  /** Sends `{"type":"disconnect","reason":…}` on every open connection; says how many. */
  disconnect(reason?: 'refresh_requested' | 'warning' | 'link_disabled'): number;
  /** Every frame the app sent, in arrival order. */
  frames(): readonly SocketModeFrameRecord[];
  /** Closes every connection at once (no handshake). */
  close(): void;
}

interface Connection {
  readonly id: number;
  readonly socket: Duplex;
  closing: boolean;
}

interface PendingAck {
  readonly connection: number;
  readonly type: EnvelopeType;
  readonly sentAt: number;
  readonly resolve: (ack: SocketModeAck) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

const DEFAULT_ACK_TIMEOUT_MS = 3000;
/** Generous: the client waits 5 s before it reconnects, and the machine may be loaded. */
const DEFAULT_CONNECT_TIMEOUT_MS = 60_000;

const parseJson = (text: string): SlackJson | undefined => {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as SlackJson) : undefined;
  } catch {
    return undefined;
  }
};

export function createSocketModeServer(options: SocketModeServerOptions): SocketModeServer {
  const ackTimeoutMs = options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS;
  const tickets = new Set<string>();
  const open = new Map<number, Connection>();
  const sockets = new Set<Duplex>();
  const pendingAcks = new Map<string, PendingAck>();
  const pendingPings = new Map<string, (payload: string) => void>();
  const recorded: SocketModeFrameRecord[] = [];
  const changes = new EventEmitter();
  let opened = 0;
  let envelopes = 0;
  let nextConnection = 0;

  const write = (connection: Connection, frame: Buffer): void => {
    if (!connection.socket.destroyed) connection.socket.write(frame);
  };
  const sendJson = (connection: Connection, message: SlackJson): void => write(connection, encodeFrame(OPCODES.text, JSON.stringify(message)));

  const forget = (connection: Connection): void => {
    if (!open.delete(connection.id)) return;
    for (const [envelopeId, pending] of pendingAcks) {
      if (pending.connection !== connection.id) continue;
      clearTimeout(pending.timer);
      pendingAcks.delete(envelopeId);
      pending.reject(new Error(`Socket Mode stand-in: connection ${connection.id} closed before the ack of ${pending.type} envelope ${envelopeId}`));
    }
    changes.emit('change');
  };

  /** Closes with a close frame of our own (the peer answers with its close frame). */
  const closeWith = (connection: Connection, code: number, reason: string): void => {
    if (connection.closing) return;
    connection.closing = true;
    write(connection, encodeFrame(OPCODES.close, closePayload(code, reason)));
    forget(connection);
  };

  const onText = (connection: Connection, text: string): void => {
    const message = parseJson(text);
    const envelopeId = typeof message?.['envelope_id'] === 'string' ? message['envelope_id'] : undefined;
    const pending = envelopeId === undefined ? undefined : pendingAcks.get(envelopeId);
    if (envelopeId === undefined || pending === undefined) return;
    clearTimeout(pending.timer);
    pendingAcks.delete(envelopeId);
    const payload = message?.['payload'];
    pending.resolve({
      envelopeId,
      type: pending.type,
      payload: typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as SlackJson) : undefined,
      ackMs: Date.now() - pending.sentAt,
    });
  };

  const accept = (socket: Duplex, head: Buffer): void => {
    nextConnection += 1;
    const connection: Connection = { id: nextConnection, socket, closing: false };
    const reader = new FrameReader();
    let fragments: Buffer[] = [];
    let fragmentOpcode = 0;
    const onFrame = (frame: WebSocketFrame): void => {
      if (!frame.masked) {
        // Section 5.1: a server must close the connection on an unmasked client frame.
        closeWith(connection, 1002, 'client frames must be masked');
        socket.end();
        return;
      }
      switch (frame.opcode) {
        case OPCODES.ping:
          recorded.push({ connection: connection.id, kind: 'ping', data: frame.payload.toString('utf8') });
          write(connection, encodeFrame(OPCODES.pong, frame.payload));
          return;
        case OPCODES.pong: {
          const data = frame.payload.toString('utf8');
          recorded.push({ connection: connection.id, kind: 'pong', data });
          pendingPings.get(data)?.(data);
          pendingPings.delete(data);
          return;
        }
        case OPCODES.close: {
          recorded.push({ connection: connection.id, kind: 'close', data: String(closeCodeOf(frame.payload)) });
          if (!connection.closing) {
            connection.closing = true;
            const code = closeCodeOf(frame.payload);
            write(connection, encodeFrame(OPCODES.close, code === 1005 ? Buffer.alloc(0) : closePayload(code)));
          }
          forget(connection);
          socket.end();
          return;
        }
        case OPCODES.text:
        case OPCODES.binary:
        case OPCODES.continuation: {
          if (frame.opcode !== OPCODES.continuation) {
            fragments = [];
            fragmentOpcode = frame.opcode;
          }
          fragments.push(frame.payload);
          if (!frame.fin) return;
          const data = Buffer.concat(fragments).toString('utf8');
          fragments = [];
          recorded.push({ connection: connection.id, kind: fragmentOpcode === OPCODES.text ? 'text' : 'binary', data });
          if (fragmentOpcode === OPCODES.text) onText(connection, data);
          return;
        }
        default:
          closeWith(connection, 1002, `unknown opcode ${frame.opcode}`);
          socket.end();
      }
    };
    socket.on('data', (chunk: Buffer) => {
      for (const frame of reader.push(chunk)) onFrame(frame);
    });
    socket.on('close', () => {
      sockets.delete(socket);
      forget(connection);
    });
    socket.on('error', () => forget(connection));
    opened += 1;
    open.set(connection.id, connection);
    sendJson(connection, {
      type: 'hello',
      num_connections: open.size,
      debug_info: { host: 'applink-stand-in', build_number: 1, approximate_connection_time: 18_060 },
      connection_info: { app_id: options.appId },
    });
    if (head.length > 0) for (const frame of reader.push(head)) onFrame(frame);
    changes.emit('change');
  };

  const refuse = (socket: Duplex, status: string): void => {
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  /** Resolves once `ready()` returns a value, re-checking on every change. */
  const waitUntil = <T>(ready: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> => {
    const now = ready();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const check = (): void => {
        const value = ready();
        if (value === undefined) return;
        clearTimeout(timer);
        changes.off('change', check);
        resolve(value);
      };
      const timer = setTimeout(() => {
        changes.off('change', check);
        reject(new Error(`Socket Mode stand-in: ${what()} within ${timeoutMs} ms`));
      }, timeoutMs);
      changes.on('change', check);
    });
  };

  const newest = (): Connection | undefined => [...open.values()].filter((c) => !c.closing).at(-1);

  return {
    openConnection: (origin) => {
      const ticket = randomBytes(16).toString('hex');
      tickets.add(ticket);
      return { url: `${origin.replace(/^http/, 'ws')}/link/?ticket=${ticket}&app_id=${options.appId}` };
    },

    handleUpgrade: (req, socket, head) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const ticket = url.searchParams.get('ticket') ?? '';
      const key = req.headers['sec-websocket-key'];
      if (url.pathname !== '/link/' || req.headers.upgrade?.toLowerCase() !== 'websocket' || typeof key !== 'string') {
        refuse(socket, '400 Bad Request');
        return;
      }
      if (req.headers['sec-websocket-version'] !== '13') {
        refuse(socket, '426 Upgrade Required');
        return;
      }
      // Tickets work once, as Slack's do: a reconnect needs apps.connections.open again.
      if (!tickets.delete(ticket)) {
        refuse(socket, '401 Unauthorized');
        return;
      }
      const accept_ = createHash('sha1').update(`${key}${WEB_SOCKET_GUID}`).digest('base64');
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept_}\r\n\r\n`);
      accept(socket, head);
    },

    connections: () => [...open.values()].filter((c) => !c.closing).length,
    connectionsOpened: () => opened,

    waitForConnection: async (count = 1, timeoutMs = DEFAULT_CONNECT_TIMEOUT_MS) => {
      await waitUntil(() => (opened >= count && newest() !== undefined ? true : undefined), timeoutMs, () => `no open connection number ${count} (opened ${opened}, open ${open.size})`);
    },

    deliver: async (type, payload, deliverOptions = {}) => {
      const connection = await waitUntil(newest, deliverOptions.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, () => `no open connection to deliver a ${type} envelope on`);
      envelopes += 1;
      const envelopeId = `${randomBytes(4).toString('hex')}-${String(envelopes).padStart(4, '0')}-stand-in`;
      const envelope: SlackJson = {
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: deliverOptions.acceptsResponsePayload ?? type !== 'events_api',
        ...(deliverOptions.retryAttempt === undefined ? {} : { retry_attempt: deliverOptions.retryAttempt, retry_reason: deliverOptions.retryReason ?? 'timeout' }),
      };
      return new Promise<SocketModeAck>((resolve, reject) => {
        const timer = setTimeout(() => {
          pendingAcks.delete(envelopeId);
          reject(new Error(`Socket Mode stand-in: no ack of ${type} envelope ${envelopeId} within ${ackTimeoutMs} ms (Slack would show the user an error)`));
        }, ackTimeoutMs);
        pendingAcks.set(envelopeId, { connection: connection.id, type, sentAt: Date.now(), resolve, reject, timer });
        sendJson(connection, envelope);
      });
    },

    ping: (data = `stand-in ping ${Date.now()}`, timeoutMs = 10_000) => {
      const connection = newest();
      if (connection === undefined) return Promise.reject(new Error('Socket Mode stand-in: no open connection to ping'));
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => {
          pendingPings.delete(data);
          reject(new Error(`Socket Mode stand-in: no pong within ${timeoutMs} ms`));
        }, timeoutMs);
        pendingPings.set(data, (payload) => {
          clearTimeout(timer);
          resolve(payload);
        });
        write(connection, encodeFrame(OPCODES.ping, data));
      });
    },

    disconnect: (reason = 'refresh_requested') => {
      const targets = [...open.values()].filter((c) => !c.closing);
      for (const connection of targets) sendJson(connection, { type: 'disconnect', reason, debug_info: { host: 'applink-stand-in' } });
      return targets.length;
    },

    frames: () => recorded,

    close: () => {
      for (const pending of pendingAcks.values()) {
        clearTimeout(pending.timer);
        pending.reject(new Error('Socket Mode stand-in closed'));
      }
      pendingAcks.clear();
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      open.clear();
    },
  };
}
