/** Handshake and server-level commands: hello/isMaster, ping, buildInfo, serverStatus, endSessions. */
import type { Doc } from '../codec.js';
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
};
