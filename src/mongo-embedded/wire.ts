/** Wire framing: splits a TCP byte stream into whole MongoDB messages (16-byte header + body). */
export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

export const MAX_MESSAGE_BYTES = 48_000_000;

export interface Frame {
  requestId: number;
  responseTo: number;
  opCode: number;
  /** Bytes after the header. */
  body: Buffer;
}

export class FrameReader {
  private chunks: Buffer[] = [];
  private size = 0;

  /** Feeds bytes; returns every complete frame now available. Throws on a malformed length. */
  push(chunk: Buffer): Frame[] {
    this.chunks.push(chunk);
    this.size += chunk.length;
    const frames: Frame[] = [];
    while (this.size >= 4) {
      const head = this.peek(4);
      const len = head.readInt32LE(0);
      if (len < 16 || len > MAX_MESSAGE_BYTES) throw new Error(`invalid message length ${len}`);
      if (this.size < len) break;
      const msg = this.take(len);
      frames.push({
        requestId: msg.readInt32LE(4),
        responseTo: msg.readInt32LE(8),
        opCode: msg.readInt32LE(12),
        body: msg.subarray(16),
      });
    }
    return frames;
  }

  private peek(n: number): Buffer {
    if ((this.chunks[0] as Buffer).length < n) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0] as Buffer;
  }

  private take(n: number): Buffer {
    const first = this.peek(n);
    let out: Buffer;
    if (first.length === n) {
      out = first;
      this.chunks.shift();
    } else if (first.length > n) {
      out = first.subarray(0, n);
      this.chunks[0] = first.subarray(n);
    } else {
      const all = Buffer.concat(this.chunks);
      out = all.subarray(0, n);
      this.chunks = all.length > n ? [all.subarray(n)] : [];
    }
    this.size -= n;
    return out;
  }
}

let nextRequestId = 1;

/** Builds a full message: header + body parts. */
export function frame(opCode: number, responseTo: number, parts: Buffer[]): Buffer {
  const header = Buffer.alloc(16);
  const len = 16 + parts.reduce((n, p) => n + p.length, 0);
  header.writeInt32LE(len, 0);
  header.writeInt32LE(nextRequestId++ & 0x7fffffff, 4);
  header.writeInt32LE(responseTo, 8);
  header.writeInt32LE(opCode, 12);
  return Buffer.concat([header, ...parts], len);
}
