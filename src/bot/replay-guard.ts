import { AsyncLocalStorage } from 'node:async_hooks';
import type { Transformer } from 'grammy';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { wireMark, withWireHook } from '../../jobs/wire.js';
import type { BotContext } from '../context.js';
import { attemptOf } from '../ingest/attempt.js';
import { seenId } from '../ingest/update-queue.js';
import { inDoubtResult } from './in-doubt.js';

/**
 * Handling an update again does not say or do anything twice.
 *
 * Telegram sends an update again when its receipt was not confirmed (the next `offset`, or the
 * webhook's 200), and a bot killed between answering and confirming gets it again after the
 * restart; a queue that hands a crashed replica's update to another does the same. Two guards:
 * - an update whose handling finished is skipped (`done` key per update id and body digest, kept
 *   24 h, as long as Telegram may send it again);
 * - while an update is handled, each Bot API call that changes something (send, edit, delete,
 *   answer, pin…) is numbered in the order the handler makes it. Handled again after a crash in the
 *   middle, the handler makes the same calls in the same order (a dialog replays to the same
 *   question), and a call is not made again when its number's key says it was made:
 *   - its result, kept once it came back: returned as it was;
 *   - only its "wire" marker (`w:<method>`), written as in the sender (jobs/wire.ts, on `wire`, a
 *     connection of its own) in the same synchronous step the request's bytes go to the kernel: the
 *     request left and nobody can know whether Telegram carried it out (Telegram has no
 *     idempotency key). It is taken as done, "in doubt, not repeated" (logged), and the handler
 *     gets a result made up for the method (`in-doubt.ts`) and goes on: a dialog's state is saved
 *     as having asked its question, the calls after it are made, the update ends as done.
 *     Ending the update there instead would drop a dialog's step (its state is saved only at the
 *     end of the update) and every call and write after it.
 *   A try Telegram refused (an error answer, a 429 waited out by auto-retry) clears the marker: it
 *   was not carried out. A try whose request left but got no answer is not tried again by
 *   auto-retry (`InDoubtError`); the update fails, and handled again it finds the marker.
 * What remains: a kill between the marker's write and the request's (adjacent system calls) loses
 * that call rather than repeating it. Redis unreachable: the guard steps aside (logged), handling
 * goes on.
 * An update the queue hands out for the first time (`Attempt.replayed` false) was never handled by
 * anyone, so there is nothing to look up: the guard then only writes (markers, results, `done`).
 */
export interface ReplayGuard {
  /** Outermost middleware: skips finished updates, numbers the calls of the others. */
  middleware: (ctx: BotContext, next: () => Promise<void>) => Promise<void>;
  /** Install on every Api that sends while an update is handled (the bot's and each dialog's), last. */
  transformer: Transformer;
  /** Install on the same Apis under auto-retry: each try's wire marker (the Api's fetch must be the wire fetch). */
  perTry: Transformer;
}

/** A try whose request left without an answer: carried out or not, nobody knows; not tried again. */
export class InDoubtError extends Error {
  constructor(
    readonly method: string,
    override readonly cause: unknown,
  ) {
    super(`${method}: the request left and no answer came; in doubt, not repeated`);
    this.name = 'InDoubtError';
  }
}

const CHANGES = /^(send|edit|delete|answer|pin|unpin|copy|forward|setMessageReaction|stopPoll)/;
const DAY_S = 24 * 60 * 60;
/** A call's key holding this prefix and its method: its request left, its result was not kept. */
const WIRE = 'w:';

interface Scope {
  base: string;
  calls: number;
  open: boolean;
  /** Handled for the first time: no kept result to look up. */
  fresh: boolean;
}

export function createReplayGuard(
  redis: Redis,
  opts: { prefix: string; botId: number; log: Logger; wire: Redis },
): ReplayGuard {
  const scope = new AsyncLocalStorage<Scope>();
  /** The numbered call under way: its tries write their marker under its key. */
  const current = new AsyncLocalStorage<string>();
  const { log, wire } = opts;
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
    if (kept?.startsWith(WIRE)) {
      const m = kept.slice(WIRE.length);
      if (m === method) {
        // The chat names where an answer may be missing (Telegram carried it out or not).
        const chatId = (payload as { chat_id?: unknown }).chat_id;
        log.warn(
          { key, method, chatId },
          'replay guard: the request left before a crash, in doubt, not repeated',
        );
        return { ok: true, result: inDoubtResult(method, payload) } as Awaited<ReturnType<typeof prev>>;
      }
      log.warn({ key, kept: m, method }, 'replay guard: the handler took another path; calling again');
    } else if (kept) {
      const { m, res } = JSON.parse(kept) as { m: string; res: Awaited<ReturnType<typeof prev>> };
      if (m === method) return res;
      log.warn({ key, kept: m, method }, 'replay guard: the handler took another path; calling again');
    }
    const res = await current.run(key, () => prev(method, payload, signal));
    // On the marker's connection: Redis runs it after the marker, never before.
    if (res.ok) await wire.set(key, JSON.stringify({ m: method, res }), 'EX', DAY_S).catch(stepAside);
    return res;
  };

  const perTry: Transformer = async (prev, method, payload, signal) => {
    const key = current.getStore();
    if (key === undefined) return prev(method, payload, signal);
    const mark = wireMark(wire, key, `${WIRE}${method}`, {
      ttlS: DAY_S,
      unready: 'unmarked',
      onError: stepAside,
    });
    let res: Awaited<ReturnType<typeof prev>>;
    try {
      res = await withWireHook(mark.hook, () => prev(method, payload, signal));
    } catch (err) {
      // Not an HttpError, so auto-retry does not send it again.
      if (mark.wired()) throw new InDoubtError(method, err);
      throw err;
    }
    // Telegram answered no: nothing was carried out, a later try (or a replay) may call again.
    if (!res.ok && mark.wired()) void wire.del(key).catch(stepAside);
    return res;
  };

  return { middleware, transformer, perTry };
}
