/**
 * A child process for the replay guard's kill test: one update handled through the guard
 * (src/bot/replay-guard.ts) on the wire fetch, its one sendMessage, and a SIGKILL at a chosen step:
 * `after` right after the wire step (the marker issued, the request handed to the kernel), `before`
 * before the request started. Args: apiRoot token redisUrl prefix chatId (before|after) updateJson.
 */
import { Api } from 'grammy';
import type { Redis } from 'ioredis';
import pino from 'pino';
import { createWireFetch } from '../../jobs/wire.js';
import { createReplayGuard } from '../../src/bot/replay-guard.js';
import type { BotContext } from '../../src/context.js';
import { childArgs, readyRedis } from './child.js';

const { apiRoot, token, redisUrl, prefix, chatId, when, updateJson } = childArgs([
  'apiRoot',
  'token',
  'redisUrl',
  'prefix',
  'chatId',
  'when',
  'updateJson',
] as const);
const [redis, wire] = (await readyRedis(redisUrl, 2)) as [Redis, Redis];
const kill = () => process.kill(process.pid, 'SIGKILL');
const guard = createReplayGuard(redis, {
  prefix,
  botId: Number(token.split(':')[0]),
  log: pino({ level: 'silent' }),
  wire,
});
if (when === 'after') {
  // Instrumented, not changed: the marker's SET goes out, then the process dies at once.
  const set = wire.set.bind(wire) as (...args: unknown[]) => Promise<unknown>;
  (wire as unknown as { set: typeof set }).set = (...args) => {
    const p = set(...args);
    if (String(args[1]).startsWith('w:')) queueMicrotask(kill);
    return p;
  };
}
const wireFetch = createWireFetch();
const fetch = ((url: string, init: object) => {
  if (when === 'before' && String(url).endsWith('/sendMessage')) kill();
  return wireFetch(url, init);
}) as unknown as typeof globalThis.fetch;
const api = new Api(token, { apiRoot, fetch });
api.config.use(guard.perTry);
api.config.use(guard.transformer);
const update = JSON.parse(updateJson) as BotContext['update'];
await guard.middleware({ update } as BotContext, async () => {
  await api.sendMessage(Number(chatId), '只说一次');
});
console.error('replay-child: not killed');
process.exit(1);
