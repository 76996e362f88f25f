import { randomUUID } from 'node:crypto';
import { Api, GrammyError, InputFile } from 'grammy';
import { apiMetrics } from '../../src/ops/metrics.js';
import { DelayedError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import {
  gapOf,
  SENDER_LIMITER,
  sentKey,
  type ChatGaps,
  type Outbox,
  type OutgoingMessage,
} from '../outbox.js';
import { holdGroup, takeBatch } from '../coalesce.js';
import { dueUnder, holdChat, holdKey, slotOf } from '../chat-hold.js';
import { inlineKeyboard, type SentRef } from '../../src/services/notice.js';
import { QUEUES } from '../queues.js';
import { createWireFetch, wireMark, withWireHook } from '../wire.js';

/** How long a sent-marker lives: longer than any job could be retried or re-produced. */
const SENT_TTL_S = 40 * 24 * 3600;
/** A claim lives this long; an attempt that has not started its request within SEND_BY_MS gives up. */
const CLAIM_TTL_MS = 30_000;
const SEND_BY_MS = 20_000;

const keyboard = (msg: OutgoingMessage) =>
  msg.buttons
    ? inlineKeyboard(msg.buttons)
    : msg.removeKeyboard
      ? { remove_keyboard: true as const }
      : undefined;

/**
 * Atomically: sent already? request already on the wire (an earlier attempt died after writing
 * it)? else claim. A number is the claim's remaining life, held by another attempt that has not
 * written its request yet.
 */
const CLAIM = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 'sent' end
if redis.call('EXISTS', KEYS[2]) == 1 then return 'wired' end
if redis.call('SET', KEYS[3], ARGV[1], 'PX', ARGV[2], 'NX') then return 'claimed' end
return redis.call('PTTL', KEYS[3])`;

/** The Redis keys of one message: sent, its request written, claimed by an attempt. */
export const sendKeys = (prefix: string, key: string) => {
  const sent = sentKey(prefix, key);
  return { sent, wire: `${sent}:wire`, claim: `${sent}:claim` };
};

/**
 * The sender. Each message goes out at most once, and after a crash it is sent again exactly when
 * its request never left the process:
 * - an attempt claims the message (short-lived claim, so two live workers never both send);
 * - the "wire" marker is written in the same synchronous step as the request's bytes (jobs/wire.ts,
 *   on `wireRedis`, a connection of its own so the marker is not queued behind other traffic);
 * - a later attempt that finds the marker knows the request left: it counts the message as sent
 *   (in doubt) rather than risk a duplicate; one that finds only an expired claim sends.
 * A 429 holds that chat alone (jobs/chat-hold.ts; the worker's limiter keeps Telegram's overall
 * rate, so the refusal is about the chat): the message goes back to the delayed jobs until its
 * `retry_after` is over, without spending an attempt, the chat's later messages follow it in their
 * order and spacing (each looks at its chat's hold when it comes up), and other chats go on; a
 * refused batch of answers also keeps its group's answers coalescing meanwhile. A group upgraded to a
 * supergroup gets the message there (queued anew, `<key>:to:<id>`); other 400/403 (chat gone, bot
 * blocked, never started) are final.
 * `api` must use `createWireFetch()` as its fetch, or no marker is ever written.
 */
export function createSendProcessor(deps: {
  api: Api;
  redis: Redis;
  wireRedis: Redis;
  prefix: string;
  log: Logger;
  renderChart: (spec: NonNullable<OutgoingMessage['chart']>) => Promise<Buffer>;
  /** Queues a message's `fallback` when the message itself cannot be delivered. */
  outbox?: Pick<Outbox, 'send'>;
  /**
   * Stores a sent message's id on the record it is the post of (`msg.keep`); `msg` is the message
   * as sent. Not called for a message sent in doubt: its id is not known.
   */
  onSent?: (ref: SentRef, messageId: number, msg: OutgoingMessage) => Promise<void>;
  /**
   * The message to send now for one that carries `keep`, read from the store at send time (a
   * roster board's newest text), or null when it is no longer wanted.
   */
  prepare?: (msg: OutgoingMessage) => Promise<OutgoingMessage | null>;
  /**
   * Pauses between two messages into one chat (createOutbox's): kept after a batch of answers, and
   * after a held chat's refused message by the messages queued later.
   */
  gaps?: ChatGaps;
}) {
  const { redis } = deps;

  /** Claims the message, or says why not; waits out a claim whose request has not left. */
  async function claim(keys: ReturnType<typeof sendKeys>, token: string) {
    for (;;) {
      const r = (await redis.eval(CLAIM, 3, keys.sent, keys.wire, keys.claim, token, CLAIM_TTL_MS)) as
        'sent' | 'wired' | 'claimed' | number;
      if (typeof r === 'string') return r;
      // Another attempt holds the claim and has not written its request: alive, it will within
      // SEND_BY_MS; dead (SIGKILL before its request), its claim runs out. Look again then.
      await new Promise((ok) => setTimeout(ok, Math.min(Math.max(r, 50), CLAIM_TTL_MS) + 20));
    }
  }

  async function deliver(msg: OutgoingMessage, png: Buffer | undefined): Promise<number> {
    const reply_markup = keyboard(msg);
    const sent = png
      ? await deps.api.sendPhoto(msg.chatId, new InputFile(png, 'chart.png'), {
          ...(msg.caption && { caption: msg.caption }),
          ...(reply_markup && { reply_markup }),
        })
      : await deps.api.sendMessage(msg.chatId, msg.text ?? '', {
          ...(msg.html && { parse_mode: 'HTML' as const }),
          ...(reply_markup && { reply_markup }),
          ...(msg.replyTo && {
            reply_parameters: { message_id: msg.replyTo, allow_sending_without_reply: true },
          }),
          link_preview_options: { is_disabled: true },
        });
    return sent.message_id;
  }

  /** Keeps the sent message's id on its record; the message is out either way, so a failure is logged. */
  async function keep(msg: OutgoingMessage, messageId: number) {
    if (!msg.keep) return;
    if (!deps.onSent) return void deps.log.error({ key: msg.key }, 'a message to keep but no onSent');
    await deps
      .onSent(msg.keep, messageId, msg)
      .catch((err: unknown) =>
        deps.log.error({ err, key: msg.key, keep: msg.keep }, 'sent message id not kept'),
      );
  }

  const settle = (keys: ReturnType<typeof sendKeys>, value: string) =>
    redis.multi().set(keys.sent, value, 'EX', SENT_TTL_S).del(keys.claim, keys.wire).exec();

  return async (job: Job<OutgoingMessage>, jobToken?: string) => {
    const keys = sendKeys(deps.prefix, job.data.key);
    const [sent, hold] = await Promise.all([
      redis.exists(keys.sent),
      redis.get(holdKey(deps.prefix, job.data.chatId)),
    ]);
    if (sent) return 'already-sent';
    // Its chat is held (a 429): it goes when due, behind the refused message (jobs/chat-hold.ts).
    const slot = slotOf(job);
    const due = dueUnder(hold, slot);
    if (due > slot && due > Date.now() && jobToken) {
      await job.moveToDelayed(due, jobToken);
      throw new DelayedError();
    }
    // A batch of answers to a flooded group: closed now, so what joined until now goes out.
    const batch = job.data.batch;
    const queued = batch
      ? await takeBatch(
          redis,
          deps.prefix,
          { ...job.data, batch },
          { gapMs: gapOf(job.data.chatId, deps.gaps) },
        )
      : job.data;
    if (!queued) return 'empty';
    const msg = queued.keep && deps.prepare ? await deps.prepare(queued) : queued;
    if (!msg) {
      await settle(keys, 'dropped');
      return 'dropped';
    }
    // Render before claiming, so the claim covers the request alone.
    const png = msg.chart ? await deps.renderChart(msg.chart) : undefined;
    const token = randomUUID();
    const state = await claim(keys, token);
    if (state === 'sent') return 'already-sent';
    if (state === 'wired') {
      deps.log.warn({ key: msg.key }, 'an earlier attempt died after its request left: not sending again');
      await settle(keys, 'in-doubt');
      return 'in-doubt';
    }
    const sendBy = Date.now() + SEND_BY_MS;
    // The marker's write, on its own connection: awaited (`marked`) before the keys are cleared, or
    // Redis could run the clearing first (two connections have no order) and keep a stale marker.
    const mark = wireMark(deps.wireRedis, keys.wire, token, {
      ttlS: SENT_TTL_S,
      unready: 'refuse',
      onError: (err) => deps.log.error({ err, key: msg.key }, 'wire marker not written'),
      // Past this the claim could run out while the request is written, and another attempt
      // could send too.
      before() {
        if (Date.now() > sendBy) throw new Error('the send claim ran out before the request started');
      },
    });
    let messageId: number;
    try {
      messageId = await withWireHook(mark.hook, () => deliver(msg, png));
    } catch (err) {
      await mark.marked();
      if (err instanceof GrammyError) {
        // Telegram answered: nothing is in doubt. Release, then retry or give up as the answer says.
        await redis.del(keys.claim, keys.wire);
        if (err.error_code === 429 && jobToken) {
          // That chat alone waits, its later messages behind this one; a flooded group's answers
          // keep joining batches meanwhile.
          const now = Date.now();
          const wait = (err.parameters.retry_after ?? 1) * 1000;
          const held = await holdChat(redis, deps.prefix, msg.chatId, {
            slot,
            until: now + wait,
            gapMs: gapOf(msg.chatId, deps.gaps),
            now,
          });
          if (batch) await holdGroup(redis, deps.prefix, msg.chatId, wait, now);
          // Logged once per hold: a message refused at once with another is already behind it.
          if (held.longer)
            deps.log.warn({ chatId: msg.chatId, wait, key: msg.key }, 'telegram 429: the chat waits');
          await job.moveToDelayed(held.due, jobToken);
          throw new DelayedError();
        }
        const movedTo = err.parameters.migrate_to_chat_id;
        if (err.error_code === 400 && movedTo !== undefined && deps.outbox) {
          // The group became a supergroup (Telegram refused, so nothing was sent): the message goes
          // there instead, queued in its turn among that chat's messages. A reply to a message of the
          // old chat is not kept (its id means nothing there); a batch goes as the text taken now.
          const { batch: _batch, replyTo: _replyTo, ...rest } = msg;
          await deps.outbox.send({ ...rest, key: `${msg.key}:to:${movedTo}`, chatId: movedTo });
          deps.log.info({ key: msg.key, from: msg.chatId, to: movedTo }, 'group upgraded: message moved');
          await settle(keys, 'moved');
          return 'moved';
        }
        if (err.error_code === 403 || err.error_code === 400) {
          deps.log.info({ chatId: msg.chatId, key: msg.key, code: err.error_code }, err.description);
          await settle(keys, 'undeliverable');
          if (!msg.fallback) return 'undeliverable';
          if (!deps.outbox) {
            deps.log.error({ key: msg.key }, 'undeliverable message has a fallback but no outbox');
            return 'undeliverable';
          }
          await deps.outbox.send({ key: `${msg.key}:fallback`, ...msg.fallback });
          return 'fell-back';
        }
        throw err;
      }
      if (mark.wired()) {
        // The request left and no answer came (connection lost, timeout): it may have arrived.
        deps.log.warn({ err, key: msg.key }, 'no answer after the request left: counted as sent');
        await settle(keys, 'in-doubt');
        return 'in-doubt';
      }
      await redis.del(keys.claim);
      throw err;
    }
    await mark.marked();
    await keep(msg, messageId);
    await settle(keys, '1');
    return 'sent';
  };
}

/**
 * One sender worker as every process runs it: its Api on the wire-marking fetch, its own Redis
 * connection for the markers, Telegram's overall limit. `close()` lets running sends finish.
 */
export function startSender(opts: {
  token: string;
  apiRoot?: string | undefined;
  connection: Redis;
  prefix: string;
  log: Logger;
  renderChart: (spec: NonNullable<OutgoingMessage['chart']>) => Promise<Buffer>;
  concurrency?: number;
  /** Messages per second overall (Telegram: about 30). */
  perSecond?: number;
  /** Per-chat gaps (see createOutbox): they pace the batches of coalesced answers and held chats. */
  gaps?: ChatGaps;
  /** Where a message's `fallback` is queued: the process's one outbox (its queue has its error listener). */
  outbox: Pick<Outbox, 'send'>;
  onSent?: (ref: SentRef, messageId: number, msg: OutgoingMessage) => Promise<void>;
  prepare?: (msg: OutgoingMessage) => Promise<OutgoingMessage | null>;
}) {
  const wireFetch = createWireFetch();
  const api = new Api(opts.token, { ...(opts.apiRoot && { apiRoot: opts.apiRoot }), fetch: wireFetch });
  api.config.use(apiMetrics);
  const wireRedis = opts.connection.duplicate({ enableAutoPipelining: false });
  const w = new Worker<OutgoingMessage>(
    QUEUES.sender,
    createSendProcessor({
      api,
      redis: opts.connection,
      wireRedis,
      prefix: opts.prefix,
      log: opts.log,
      renderChart: opts.renderChart,
      outbox: opts.outbox,
      ...(opts.onSent && { onSent: opts.onSent }),
      ...(opts.prepare && { prepare: opts.prepare }),
      ...(opts.gaps && { gaps: opts.gaps }),
    }),
    {
      connection: opts.connection,
      prefix: opts.prefix,
      concurrency: opts.concurrency ?? 8,
      limiter: { ...SENDER_LIMITER, ...(opts.perSecond && { max: opts.perSecond }) },
      // Taking jobs before the marker connection is ready would only fail them (see `before`).
      autorun: false,
    },
  );
  wireRedis.once('ready', () => {
    w.run().catch((err: unknown) => opts.log.error({ err }, 'sender stopped'));
  });
  return {
    worker: w,
    async close() {
      await w.close();
      await wireRedis.quit();
      wireFetch.close();
    },
  };
}
