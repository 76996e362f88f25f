/**
 * Handshake and server-level commands: hello/isMaster, ping, buildInfo, serverStatus, endSessions,
 * listDatabases, dbStats.
 */
import type { Doc } from '../codec.js';
import { notSupported } from '../errors.js';
import type { CommandContext, Handler } from './context.js';

export const MAX_WIRE_VERSION = 21;

export function helloReply(ctx: CommandContext, legacy: boolean): Doc {
  return {
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    helloOk: true,
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
}

export const adminCommands: Record<string, Handler> = {
  hello: (_cmd, ctx) => helloReply(ctx, false),
  ismaster: (_cmd, ctx) => helloReply(ctx, true),
  ping: () => ({ ok: 1 }),
  buildinfo: () => ({
    version: '7.0.0',
    gitVersion: 'mongo-embedded',
    versionArray: [7, 0, 0, 0],
    bits: 64,
    debug: false,
    maxBsonObjectSize: 16 * 1024 * 1024,
    storageEngines: ['mongo-embedded'],
    ok: 1,
  }),
  serverstatus: (_cmd, ctx) => ({
    host: `${ctx.state.host}:${ctx.state.port}`,
    version: '7.0.0',
    process: 'mongo-embedded',
    pid: process.pid,
    uptime: Math.floor((Date.now() - ctx.state.startedAt) / 1000),
    uptimeMillis: Date.now() - ctx.state.startedAt,
    localTime: new Date(),
    connections: { current: ctx.state.connections, totalCreated: ctx.state.totalConnections },
    metrics: { cursor: { open: { total: ctx.cursors.open } } },
    ok: 1,
  }),
  endsessions: () => ({ ok: 1 }),
  explain: () => {
    throw notSupported('explain');
  },
  listdatabases: (cmd, { engine }) => {
    const databases = [...engine.dbs].map(([name, colls]) => {
      let docs = 0;
      for (const c of colls.values()) docs += c.docs.size;
      return cmd.nameOnly === true ? { name } : { name, sizeOnDisk: 0, empty: docs === 0 };
    });
    return { databases, totalSize: 0, ok: 1 };
  },
  dbstats: (_cmd, { engine, db }) => {
    const colls = [...(engine.dbs.get(db)?.values() ?? [])];
    return {
      db,
      collections: colls.length,
      views: 0,
      objects: colls.reduce((n, c) => n + c.docs.size, 0),
      indexes: colls.reduce((n, c) => n + c.indexes.size + 1, 0),
      ok: 1,
    };
  },
};
