/**
 * RFC 6455 frames, as much of them as Slack's Socket Mode needs: text, close, ping and pong, with
 * fragmentation, 7/16/64-bit lengths and the client's mask. A server writes its frames unmasked
 * (section 5.1) and must refuse an unmasked frame from a client.
 */

export const OPCODES = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;
export type Opcode = (typeof OPCODES)[keyof typeof OPCODES];

/** One frame as read off the wire, its payload unmasked. */
export interface WebSocketFrame {
  readonly fin: boolean;
  readonly opcode: number;
  readonly masked: boolean;
  readonly payload: Buffer;
}

/** The value of `Sec-WebSocket-Accept` for a client's `Sec-WebSocket-Key` (section 4.2.2). */
export const WEB_SOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** One frame, FIN set; masked with `mask` when given (what a client sends), unmasked otherwise. */
export function encodeFrame(opcode: Opcode, payload: Buffer | string = Buffer.alloc(0), mask?: Buffer, fin = true): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const first = (fin ? 0x80 : 0) | opcode;
  const maskBit = mask === undefined ? 0 : 0x80;
  let header: Buffer;
  if (data.length < 126) {
    header = Buffer.from([first, maskBit | data.length]);
  } else if (data.length < 0x10000) {
    header = Buffer.alloc(4);
    header[0] = first;
    header[1] = maskBit | 126;
    header.writeUInt16BE(data.length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = maskBit | 127;
    header.writeBigUInt64BE(BigInt(data.length), 2);
  }
  if (mask === undefined) return Buffer.concat([header, data]);
  const masked = Buffer.alloc(data.length);
  for (let i = 0; i < data.length; i += 1) masked[i] = (data[i] ?? 0) ^ (mask[i % 4] ?? 0);
  return Buffer.concat([header, mask, masked]);
}

/** A close frame's payload: the status code (2 bytes) and a UTF-8 reason. */
export const closePayload = (code: number, reason = ''): Buffer => {
  const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
  payload.writeUInt16BE(code, 0);
  payload.write(reason, 2, 'utf8');
  return payload;
};

/** The status code of a close frame's payload (1005, "no status", when it has none). */
export const closeCodeOf = (payload: Buffer): number => (payload.length >= 2 ? payload.readUInt16BE(0) : 1005);

/**
 * Reads frames from a byte stream that may split or join them anywhere: `push` the bytes as they
 * come and take every complete frame.
 */
export class FrameReader {
  private buffered: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): WebSocketFrame[] {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const frames: WebSocketFrame[] = [];
    for (;;) {
      const frame = this.next();
      if (frame === undefined) return frames;
      frames.push(frame);
    }
  }

  private next(): WebSocketFrame | undefined {
    const bytes = this.buffered;
    if (bytes.length < 2) return undefined;
    const first = bytes[0] ?? 0;
    const second = bytes[1] ?? 0;
    const masked = (second & 0x80) !== 0;
    let length = second & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (bytes.length < 4) return undefined;
      length = bytes.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (bytes.length < 10) return undefined;
      length = Number(bytes.readBigUInt64BE(2));
      offset = 10;
    }
    const maskLength = masked ? 4 : 0;
    if (bytes.length < offset + maskLength + length) return undefined;
    const mask = bytes.subarray(offset, offset + maskLength);
    const payload = Buffer.from(bytes.subarray(offset + maskLength, offset + maskLength + length));
    if (masked) for (let i = 0; i < payload.length; i += 1) payload[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
    this.buffered = bytes.subarray(offset + maskLength + length);
    return { fin: (first & 0x80) !== 0, opcode: first & 0x0f, masked, payload };
  }
}
