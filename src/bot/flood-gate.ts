import { limit } from '@grammyjs/ratelimiter';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { luaScript } from '../../jobs/queues.js';
import type { BotContext } from '../context.js';

export interface FloodOptions {
  /** Commands one person may send within `windowMs`, across all chats and replicas. */
  commands: number;
  windowMs: number;
}

/** A message that is a command (`/cmd`, `/cmd@bot`): what a flood consists of. */
const isCommand = (ctx: BotContext) =>
  ctx.message?.entities?.some((e) => e.type === 'bot_command' && e.offset === 0);

/**
 * KEYS[1] the person's counter, ARGV[1] the window (ms): INCR, and PEXPIRE when the window starts.
 * One round trip per command, and no counter is left without its expiry.
 */
const COUNT = luaScript(
  `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`,
  1,
);

/**
 * One person's commands beyond the limit are dropped (counted in Redis, so the limit holds across
 * replicas), with one notice per window, so a member who floods a group cannot slow everyone else.
 * Dialog answers and button presses are not commands and pass. Redis away: the gate steps aside.
 */
export function floodGate(redis: Redis, opts: FloodOptions & { prefix: string; log: Logger }) {
  let warned = false;
  const store = {
    incr: (key: string) =>
      (COUNT(redis, key, opts.windowMs) as Promise<number>).catch((err: unknown) => {
        if (!warned) opts.log.warn({ err }, 'flood gate: Redis unreachable, letting commands through');
        warned = true;
        return 0;
      }),
    // The script set the expiry already: ratelimiter's own second call (for a count of 1) is not needed.
    pexpire: () => Promise.resolve(1),
  };
  return limit<BotContext, typeof store>({
    timeFrame: opts.windowMs,
    limit: opts.commands,
    storageClient: store,
    keyPrefix: `${opts.prefix}:flood:`,
    keyGenerator: (ctx) => (ctx.from && isCommand(ctx) ? String(ctx.from.id) : undefined),
    onLimitExceeded: (ctx) => {
      opts.log.info({ userId: ctx.from?.id, chatId: ctx.chat?.id }, 'flood gate: commands dropped');
      ctx
        .reply(ctx.t('flood-slow-down', { seconds: Math.ceil(opts.windowMs / 1000) }), {
          ...(ctx.msg && { reply_parameters: { message_id: ctx.msg.message_id } }),
        })
        .catch((err: unknown) => opts.log.warn({ err }, 'flood gate: could not send the notice'));
    },
  });
}
