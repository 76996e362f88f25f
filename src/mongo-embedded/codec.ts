/** OP_MSG / OP_QUERY decoding and OP_MSG / OP_REPLY encoding. */
import { BSON, Long } from 'bson';
import { frame, OP_MSG, OP_REPLY } from './wire.js';

export const CHECKSUM_PRESENT = 1;
export const MORE_TO_COME = 2;

export type Doc = Record<string, unknown>;

const DESER = { promoteBuffers: false, validation: { utf8: false } } as const;

export function decodeDoc(buf: Buffer, offset = 0): Doc {
  const len = buf.readInt32LE(offset);
  return BSON.deserialize(buf.subarray(offset, offset + len), DESER) as Doc;
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
        docs.push(decodeDoc(body, p));
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
