/** Keeps the last `maxBytes` bytes of a stream of chunks (the head is dropped first). */
export class OutputTail {
  private readonly chunks: Buffer[] = [];
  private bytes = 0;
  private dropped = 0;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    const kept = chunk.length > this.maxBytes ? chunk.subarray(chunk.length - this.maxBytes) : chunk;
    this.dropped += chunk.length - kept.length;
    this.chunks.push(kept);
    this.bytes += kept.length;
    while (this.bytes > this.maxBytes) {
      const first = this.chunks[0];
      if (first === undefined) break;
      const excess = this.bytes - this.maxBytes;
      if (first.length <= excess) {
        this.chunks.shift();
        this.bytes -= first.length;
        this.dropped += first.length;
      } else {
        this.chunks[0] = first.subarray(excess);
        this.bytes -= excess;
        this.dropped += excess;
      }
    }
  }

  /** Bytes that no longer fit and were dropped from the head. */
  get droppedBytes(): number {
    return this.dropped;
  }

  text(): string {
    return Buffer.concat(this.chunks, this.bytes).toString('utf8');
  }

  /** The last `chars` characters, for error details. */
  lastChars(chars: number): string {
    const all = this.text();
    return all.length > chars ? all.slice(all.length - chars) : all;
  }
}
