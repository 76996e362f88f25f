import { AsyncLocalStorage } from 'node:async_hooks';
import type { Transformer } from 'grammy';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { BotContext } from '../context.js';
import { attemptOf } from '../ingest/attempt.js';
import { seenId } from '../ingest/update-queue.js';

/**
 * Handling an update again does not say or do anything twice.
 *
 * Telegram sends an update again when its receipt was not confirmed (the next `offset`, or the
 * webhook's 200), and a bot killed between answering and confirming gets it again after the
 * restart; a queue that hands a crashed replica's update to another does the same. Two guards:
 * - an update whose handling finished is skipped (`done` key per update id and body digest, kept
 *   24 h, as long as Telegram may send it again);
 * - while an update is handled, each Bot API call that changes something (send, edit, delete,
 *   answer, pin…) is numbered in the order the handler makes it, and its result is kept under
 *   update id + number. Handled again after a crash in the middle, the handler makes the same
 *   calls in the same order (a dialog replays to the same question); a call already made is not
 *   made again, its kept result is returned instead, so the next question of a dialog is asked once.
 * What remains: a call Telegram carried out in the last milliseconds before a crash, before its
 * result was kept, is made again. Redis unreachable: the guard steps aside (logged), handling goes on.
 * An update the queue hands out for the first time (`Attempt.replayed` false) was never handled by
 * anyone, so there is nothing to look up: the guard then only writes (each call's result, `done`).
 */
export interface ReplayGuard {
  /** Outermost middleware: skips finished updates, numbers the calls of the others. */
  middleware: (ctx: BotContext, next: () => Promise<void>) => Promise<void>;
  /** Install on every Api that sends while an update is handled (the bot's and each dialog's), last. */
  transformer: Transformer;
}

const CHANGES = /^(send|edit|delete|answer|pin|unpin|copy|forward|setMessageReaction|stopPoll)/;
const DAY_S = 24 * 60 * 60;

interface Scope {
  base: string;
  calls: number;
  open: boolean;
  /** Handled for the first time: no kept result to look up. */
  fresh: boolean;
}

export function createReplayGuard(
  redis: Redis,
  opts: { prefix: string; botId: number; log: Logger },
): ReplayGuard {
  const scope = new AsyncLocalStorage<Scope>();
  const { log } = opts;
  // The update queue's dedupe key (id and body digest): an update reusing an id is not one handled.
  const keyOf = (update: object & { update_id: number }) =>
    `${opts.prefix}:replay:${opts.botId}:${seenId(update.update_id, JSON.stringify(update))}`;
  let warned = false;
  const stepAside = (err: unknown) => {
    // Once per outage, not per update: the process goes on without the guard meanwhile.
    if (!warned) log.warn({ err }, 'replay guard: Redis unreachable, handling without it');
    warned = true;
  };

  const middleware: ReplayGuard['middleware'] = async (ctx, next) => {
    const base = keyOf(ctx.update);
    const fresh = attemptOf(ctx.update)?.replayed === false;
    try {
      if (!fresh && (await redis.exists(`${base}:done`)) === 1) {
        log.info({ updateId: ctx.update.update_id }, 'update already handled, skipped');
        return;
      }
      warned = false;
    } catch (err) {
      stepAside(err);
      await next();
      return;
    }
    const s: Scope = { base, calls: 0, open: true, fresh };
    try {
      await scope.run(s, next);
    } finally {
      s.open = false;
    }
    await redis.set(`${base}:done`, '1', 'EX', DAY_S).then(() => {
      // Redis answers again: a later outage is logged again.
      warned = false;
    }, stepAside);
  };

  const transformer: Transformer = async (prev, method, payload, signal) => {
    const s = scope.getStore();
    if (!s?.open || !CHANGES.test(method)) return prev(method, payload, signal);
    const key = `${s.base}:${s.calls++}`;
    let kept: string | null = null;
    try {
      if (!s.fresh) kept = await redis.get(key);
    } catch (err) {
      stepAside(err);
    }
    if (kept) {
      const { m, res } = JSON.parse(kept) as { m: string; res: Awaited<ReturnType<typeof prev>> };
      if (m === method) return res;
      log.warn({ key, kept: m, method }, 'replay guard: the handler took another path; calling again');
    }
    const res = await prev(method, payload, signal);
    if (res.ok) await redis.set(key, JSON.stringify({ m: method, res }), 'EX', DAY_S).catch(stepAside);
    return res;
  };

  return { middleware, transformer };
}
