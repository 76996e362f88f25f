import { connect, type Socket } from 'node:net';
import { BSON } from 'bson';
import { afterEach, describe, expect, it } from 'vitest';
import { mongoUri } from '../support/mongo.js';

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;

function message(opCode: number, requestId: number, body: Buffer): Buffer {
  const head = Buffer.alloc(16);
  head.writeInt32LE(16 + body.length, 0);
  head.writeInt32LE(requestId, 4);
  head.writeInt32LE(0, 8);
  head.writeInt32LE(opCode, 12);
  return Buffer.concat([head, body]);
}

function opQuery(requestId: number, ns: string, query: object): Buffer {
  const flags = Buffer.alloc(4);
  const skipReturn = Buffer.alloc(8);
  skipReturn.writeInt32LE(-1, 4);
  return message(
    OP_QUERY,
    requestId,
    Buffer.concat([flags, Buffer.from(`${ns}\0`), skipReturn, BSON.serialize(query)]),
  );
}

function opMsg(requestId: number, flags: number, cmd: object, seq?: { id: string; docs: object[] }): Buffer {
  const flagBits = Buffer.alloc(4);
  flagBits.writeUInt32LE(flags, 0);
  const parts: Uint8Array[] = [flagBits, Buffer.from([0]), BSON.serialize(cmd)];
  if (seq) {
    const docs = Buffer.concat(seq.docs.map((d) => BSON.serialize(d)));
    const id = Buffer.from(`${seq.id}\0`);
    const size = Buffer.alloc(4);
    size.writeInt32LE(4 + id.length + docs.length, 0);
    parts.push(Buffer.from([1]), size, id, docs);
  }
  return message(OP_MSG, requestId, Buffer.concat(parts));
}

interface Reply {
  responseTo: number;
  opCode: number;
  doc: Record<string, unknown>;
}

/** A raw connection that collects whole replies. */
function rawClient(): Promise<{ socket: Socket; next(): Promise<Reply> }> {
  const url = new URL(mongoUri());
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port || 27017), url.hostname, () => resolve({ socket, next }));
    socket.once('error', reject);
    let buf = Buffer.alloc(0);
    const queue: Reply[] = [];
    const waiting: ((r: Reply) => void)[] = [];
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 4 && buf.length >= buf.readInt32LE(0)) {
        const len = buf.readInt32LE(0);
        const m = buf.subarray(0, len);
        buf = buf.subarray(len);
        const opCode = m.readInt32LE(12);
        const docAt = opCode === OP_REPLY ? 16 + 20 : 16 + 5;
        const reply = { responseTo: m.readInt32LE(8), opCode, doc: BSON.deserialize(m.subarray(docAt)) };
        const w = waiting.shift();
        if (w) w(reply);
        else queue.push(reply);
      }
    });
    const next = () =>
      new Promise<Reply>((res) => {
        const r = queue.shift();
        if (r) res(r);
        else waiting.push(res);
      });
  });
}

describe('wire protocol', () => {
  let socket: Socket | undefined;
  afterEach(() => socket?.destroy());

  it('answers the legacy OP_QUERY isMaster handshake with OP_REPLY', async () => {
    const c = await rawClient();
    socket = c.socket;
    socket.write(opQuery(7, 'admin.$cmd', { isMaster: 1, helloOk: true }));
    const r = await c.next();
    expect(r.opCode).toBe(OP_REPLY);
    expect(r.responseTo).toBe(7);
    expect(r.doc).toMatchObject({ ok: 1, ismaster: true });
    expect(r.doc.maxWireVersion).toBeGreaterThanOrEqual(9);
    expect(r.doc.logicalSessionTimeoutMinutes).toBeGreaterThan(0);
  });

  it('sends no reply to a moreToCome message and keeps serving the connection', async () => {
    const c = await rawClient();
    socket = c.socket;
    socket.write(opMsg(1, 2, { endSessions: [], $db: 'admin' }));
    socket.write(opMsg(2, 0, { ping: 1, $db: 'admin' }));
    const r = await c.next();
    expect(r.opCode).toBe(OP_MSG);
    expect(r.responseTo).toBe(2);
    expect(r.doc).toMatchObject({ ok: 1 });
  });

  it('reads kind-1 document sequences', async () => {
    const c = await rawClient();
    socket = c.socket;
    const db = `wire_${Date.now()}`;
    socket.write(
      opMsg(
        3,
        0,
        { insert: 'seq', $db: db },
        { id: 'documents', docs: [{ _id: 1 }, { _id: 2 }, { _id: 3 }] },
      ),
    );
    expect((await c.next()).doc).toMatchObject({ ok: 1, n: 3 });
    socket.write(
      opMsg(
        4,
        0,
        { delete: 'seq', $db: db },
        {
          id: 'deletes',
          docs: [
            { q: { _id: 1 }, limit: 1 },
            { q: { _id: { $gt: 1 } }, limit: 0 },
          ],
        },
      ),
    );
    expect((await c.next()).doc).toMatchObject({ ok: 1, n: 3 });
    socket.write(opMsg(5, 0, { dropDatabase: 1, $db: db }));
    expect((await c.next()).doc).toMatchObject({ ok: 1 });
  });
});
