/** The TCP server: frames messages, decodes OP_MSG / OP_QUERY, dispatches, replies in order. */
import { createServer, type Server, type Socket } from 'node:net';
import { decodeOpMsg, decodeOpQuery, encodeOpMsg, encodeOpReply, MORE_TO_COME, type Doc } from './codec.js';
import { dispatch } from './commands/index.js';
import type { ServerState } from './commands/context.js';
import { CursorManager } from './cursors.js';
import { Engine } from './engine.js';
import type { StartOptions } from './index.js';
import { lockDbpath } from './lock.js';
import { startTtlMonitor } from './ttl.js';
import { FrameReader, OP_MSG, OP_QUERY, type Frame } from './wire.js';

/** Encodes a reply; one too big for BSON becomes MongoDB's BSONObjectTooLarge error instead. */
function encodeReply(requestId: number, reply: Doc, encode: (id: number, doc: Doc) => Buffer): Buffer {
  try {
    return encode(requestId, reply);
  } catch (err) {
    const errmsg = `reply cannot be encoded: ${err instanceof Error ? err.message : String(err)}`;
    return encode(requestId, { ok: 0, errmsg, code: 10334, codeName: 'BSONObjectTooLarge' });
  }
}

export class EmbeddedServer {
  private engine?: Engine;
  private cursors?: CursorManager;
  private server?: Server;
  private unlock?: () => void;
  private stopTtl?: () => void;
  private readonly sockets = new Set<Socket>();
  private nextConnectionId = 1;
  private readonly state: ServerState = {
    startedAt: Date.now(),
    connections: 0,
    totalConnections: 0,
    host: '127.0.0.1',
    port: 0,
  };

  constructor(private readonly opts: StartOptions) {}

  async listen(port: number, host: string): Promise<number> {
    this.unlock = lockDbpath(this.opts.dbpath);
    try {
      this.engine = await Engine.open(this.opts.dbpath, this.opts.compactBytes);
      this.cursors = new CursorManager(this.opts.cursorTimeoutMs);
      this.stopTtl = startTtlMonitor(this.engine, this.opts.ttlIntervalMs);
      const server = createServer((s) => this.accept(s));
      this.server = server;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      const addr = server.address();
      this.state.port = typeof addr === 'object' && addr ? addr.port : port;
      this.state.host = host;
      return this.state.port;
    } catch (err) {
      await this.engine?.close().catch(() => undefined);
      this.unlock();
      throw err;
    }
  }

  private accept(socket: Socket): void {
    socket.setNoDelay(true);
    this.sockets.add(socket);
    this.state.connections++;
    this.state.totalConnections++;
    const connectionId = this.nextConnectionId++;
    const reader = new FrameReader();
    let chain: Promise<void> = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      let frames: Frame[];
      try {
        frames = reader.push(chunk);
      } catch {
        socket.destroy();
        return;
      }
      for (const f of frames) {
        chain = chain.then(() => this.handle(socket, f, connectionId)).catch(() => void socket.destroy());
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.state.connections--;
    });
  }

  private async handle(socket: Socket, f: Frame, connectionId: number): Promise<void> {
    const ctxBase = { engine: this.engine!, cursors: this.cursors!, connectionId, state: this.state };
    if (f.opCode === OP_MSG) {
      const { flags, command } = decodeOpMsg(f.body);
      const reply = await dispatch(command, ctxBase);
      if (flags & MORE_TO_COME) return;
      if (!socket.destroyed) socket.write(encodeReply(f.requestId, reply, encodeOpMsg));
    } else if (f.opCode === OP_QUERY) {
      const { collection, query } = decodeOpQuery(f.body);
      const db = collection.slice(0, collection.indexOf('.'));
      // Legacy commands may wrap the command as { $query: {...}, $readPreference }.
      const inner = (query.$query as Doc | undefined) ?? query;
      const reply = collection.endsWith('.$cmd')
        ? await dispatch({ ...inner, $db: db }, ctxBase)
        : {
            ok: 0,
            errmsg: 'OP_QUERY is only supported for commands',
            code: 352,
            codeName: 'UnsupportedOpQueryCommand',
          };
      if (!socket.destroyed) socket.write(encodeReply(f.requestId, reply, encodeOpReply));
    } else {
      throw new Error(`unsupported opcode ${f.opCode}`);
    }
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : undefined;
    for (const s of this.sockets) s.destroy();
    await closed;
    this.cursors?.close();
    this.stopTtl?.();
    await this.engine?.close();
    this.engine = undefined;
    this.unlock?.();
    this.unlock = undefined;
  }
}
