/** OP_MSG / OP_QUERY decoding and OP_MSG / OP_REPLY encoding. */
import { BSON, Long } from 'bson';
import { frame, OP_MSG, OP_REPLY } from './wire.js';

export const CHECKSUM_PRESENT = 1;
export const MORE_TO_COME = 2;

export type Doc = Record<string, unknown>;

/** Also how the journal reads documents back: a journaled wire document decodes the same way. */
export const DESER = { promoteBuffers: false, validation: { utf8: false } } as const;

export function decodeDoc(buf: Buffer, offset = 0): Doc {
  const len = buf.readInt32LE(offset);
  return BSON.deserialize(buf.subarray(offset, offset + len), DESER) as Doc;
}

/**
 * The bytes each document of an OP_MSG document sequence was decoded from, until `takeWireBytes`
 * claims them: an inserted document is journaled as it came instead of being serialized again.
 */
const wireBytes = new WeakMap<Doc, Uint8Array>();

/** The bytes `doc` was decoded from (once: the entry is dropped), if it came in a sequence. */
export function takeWireBytes(doc: Doc): Uint8Array | undefined {
  const bytes = wireBytes.get(doc);
  if (bytes) wireBytes.delete(doc);
  return bytes;
}

function int32(buf: Uint8Array, p: number): number {
  return buf[p]! | (buf[p + 1]! << 8) | (buf[p + 2]! << 16) | (buf[p + 3]! << 24);
}

/** Size of an element's value by BSON type, from its first byte at `p`; -1 for an unknown type. */
function valueSize(buf: Uint8Array, type: number, p: number): number {
  switch (type) {
    case 0x01: // double
    case 0x09: // date
    case 0x11: // timestamp
    case 0x12: // int64
      return 8;
    case 0x02: // string
    case 0x0d: // code
    case 0x0e: // symbol
      return 4 + int32(buf, p);
    case 0x03: // document
    case 0x04: // array
    case 0x0f: // code with scope
      return int32(buf, p);
    case 0x05: // binary
      return 4 + 1 + int32(buf, p);
    case 0x06: // undefined
    case 0x0a: // null
    case 0xff: // min key
    case 0x7f: // max key
      return 0;
    case 0x07: // ObjectId
      return 12;
    case 0x08: // boolean
      return 1;
    case 0x0b: {
      // regex: two C strings
      const a = buf.indexOf(0, p);
      return buf.indexOf(0, a + 1) + 1 - p;
    }
    case 0x0c: // DBPointer
      return 4 + int32(buf, p) + 12;
    case 0x10: // int32
      return 4;
    case 0x13: // decimal128
      return 16;
  }
  return -1;
}

/**
 * The same document with its one `_id` element moved to the front (as the server stores it), or
 * undefined when it has no `_id` or more than one, or a type this does not know.
 */
export function idFirst(doc: Uint8Array): Uint8Array | undefined {
  let p = 4;
  let id: [number, number] | undefined;
  while (p < doc.length - 1) {
    const start = p;
    const type = doc[p++]!;
    const nul = doc.indexOf(0, p);
    const isId = nul - p === 3 && doc[p] === 0x5f && doc[p + 1] === 0x69 && doc[p + 2] === 0x64;
    p = nul + 1;
    const size = valueSize(doc, type, p);
    if (size < 0 || nul < 0) return undefined;
    p += size;
    if (isId) {
      if (id) return undefined;
      id = [start, p];
    }
  }
  if (!id || p !== doc.length - 1) return undefined;
  const out = Buffer.allocUnsafe(doc.length);
  out.set(doc.subarray(0, 4), 0);
  out.set(doc.subarray(id[0], id[1]), 4);
  out.set(doc.subarray(4, id[0]), 4 + id[1] - id[0]);
  out.set(doc.subarray(id[1]), id[1]);
  return out;
}

export interface DecodedMsg {
  flags: number;
  command: Doc;
}

/** Decodes an OP_MSG body: the kind-0 command plus kind-1 document sequences merged in as arrays. */
export function decodeOpMsg(body: Buffer): DecodedMsg {
  const flags = body.readUInt32LE(0);
  const end = flags & CHECKSUM_PRESENT ? body.length - 4 : body.length;
  let pos = 4;
  let command: Doc | undefined;
  const sequences: [string, Doc[]][] = [];
  while (pos < end) {
    const kind = body[pos++];
    if (kind === 0) {
      const len = body.readInt32LE(pos);
      command = decodeDoc(body, pos);
      pos += len;
    } else if (kind === 1) {
      const size = body.readInt32LE(pos);
      const stop = pos + size;
      const nul = body.indexOf(0, pos + 4);
      const id = body.toString('utf8', pos + 4, nul);
      let p = nul + 1;
      const docs: Doc[] = [];
      while (p < stop) {
        const len = body.readInt32LE(p);
        const doc = decodeDoc(body, p);
        wireBytes.set(doc, body.subarray(p, p + len));
        docs.push(doc);
        p += len;
      }
      sequences.push([id, docs]);
      pos = stop;
    } else {
      throw new Error(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!command) throw new Error('OP_MSG without a body section');
  for (const [id, docs] of sequences) command[id] = docs;
  return { flags, command };
}

export interface DecodedQuery {
  collection: string;
  query: Doc;
}

/** Decodes a legacy OP_QUERY body (only used for the initial isMaster handshake). */
export function decodeOpQuery(body: Buffer): DecodedQuery {
  const nul = body.indexOf(0, 4);
  const collection = body.toString('utf8', 4, nul);
  const docStart = nul + 1 + 8;
  return { collection, query: decodeDoc(body, docStart) };
}

const SER = { ignoreUndefined: true } as const;

export function encodeOpMsg(responseTo: number, doc: Doc): Buffer {
  const flags = Buffer.alloc(5); // flagBits (0) + section kind 0
  return frame(OP_MSG, responseTo, [flags, BSON.serialize(doc, SER) as Buffer]);
}

export function encodeOpReply(responseTo: number, doc: Doc): Buffer {
  const head = Buffer.alloc(20);
  head.writeInt32LE(0, 0); // responseFlags
  head.writeBigInt64LE(0n, 4); // cursorID
  head.writeInt32LE(0, 12); // startingFrom
  head.writeInt32LE(1, 16); // numberReturned
  return frame(OP_REPLY, responseTo, [head, BSON.serialize(doc, SER) as Buffer]);
}

export { Long };
