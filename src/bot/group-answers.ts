import { createHash } from 'node:crypto';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Transformer } from 'grammy';
import type { Message } from 'grammy/types';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { batchKey, depositAnswer, dropOpenBatch } from '../../jobs/coalesce.js';
import type { Outbox } from '../../jobs/outbox.js';
import { answersBatched } from '../ops/metrics.js';
import type { BotContext } from '../context.js';
import { escapeHtml } from './views/html.js';

/**
 * Group commands whose answer is only read: nothing keeps or edits the message sent, so a flooded
 * group may get it inside a batch (no /progress, /roster or /deed <text>: they keep their post).
 */
export const COALESCED_COMMANDS: ReadonlySet<string> = new Set([
  'help',
  'me',
  'card',
  'ledger',
  'why',
  'join',
  'standard',
  'pledge',
  'feedback',
]);

interface Asker {
  chatId: number;
  userId: number;
  name: string;
  messageId: number;
}

interface SendPayload {
  chat_id?: number | string;
  text?: string;
  parse_mode?: string;
  entities?: unknown;
  reply_markup?: { inline_keyboard?: Array<Array<Record<string, unknown>>> };
}

/** The command a group message starts with (`/help`, `/help@bot`), lower-cased. */
function commandOf(msg: {
  text?: string;
  entities?: Array<{ type: string; offset: number; length: number }>;
}) {
  const e = msg.entities?.find((x) => x.type === 'bot_command' && x.offset === 0);
  return e && msg.text?.slice(1, e.length).split('@')[0]!.toLowerCase();
}

/** Inline buttons that are links or callbacks (what a batch's message can carry), or none. */
const plainButtons = (m: SendPayload['reply_markup']) =>
  !m ||
  (Array.isArray(m.inline_keyboard) &&
    m.inline_keyboard.every((row) =>
      row.every((b) => Object.keys(b).every((k) => k === 'text' || k === 'url' || k === 'callback_data')),
    ));

/**
 * Answers to a flooded group are coalesced (README, "Update pipeline" → "Flood"). While the
 * handler of one of COALESCED_COMMANDS runs in a group, its answer (`ctx.reply`, a sendMessage
 * into that group) is sent as usual unless Telegram refuses the group more messages (a 429) or a
 * batch is already waiting there: then it joins the group's batch in Redis (jobs/coalesce.ts),
 * sent once by the sender queue at the group's next slot, and the handler goes on at once instead
 * of waiting out the 429. Install the transformer inside auto-retry (it sees the 429 before
 * auto-retry waits it out) and inside the replay guard (a replayed update gets the kept result; an
 * answer batched before a crash is known by its command and text, and not batched again). Redis
 * away: it steps aside and the answer is sent (and a 429 waited out) as before.
 */
export function groupAnswers(deps: {
  redis: Redis;
  prefix: string;
  outbox: Pick<Outbox, 'send'>;
  log: Logger;
}) {
  const { redis, prefix, log } = deps;
  const scope = new AsyncLocalStorage<Asker>();
  let warned = false;

  const middleware = async (ctx: BotContext, next: () => Promise<void>) => {
    const chat = ctx.chat;
    const msg = ctx.message;
    const cmd = msg && commandOf(msg);
    if (!chat || (chat.type !== 'group' && chat.type !== 'supergroup') || !ctx.from || !cmd) return next();
    if (!COALESCED_COMMANDS.has(cmd)) return next();
    const name = [ctx.from.first_name, ctx.from.last_name].filter(Boolean).join(' ');
    await scope.run({ chatId: chat.id, userId: ctx.from.id, name, messageId: msg.message_id }, next);
  };

  /** Puts the answer in the group's batch (queuing the batch's message when it opens one). */
  async function deposit(asker: Asker, p: SendPayload, floodedUntil?: number) {
    const html = p.parse_mode === 'HTML' ? p.text! : escapeHtml(p.text!);
    const k = p.reply_markup && JSON.stringify(p.reply_markup.inline_keyboard);
    const d = await depositAnswer(
      redis,
      prefix,
      asker.chatId,
      {
        a: `<a href="tg://user?id=${asker.userId}">${escapeHtml(asker.name)}</a>`,
        n: asker.name,
        h: html,
        m: asker.messageId,
        ...(k && { k }),
        digest: createHash('sha1')
          .update(html)
          .update('\0')
          .update(k ?? '')
          .digest('base64'),
      },
      floodedUntil ? { floodedUntil } : {},
    );
    if (d.state === 'direct' || d.state === 'again') return d;
    answersBatched.inc({ batch: d.state });
    if (d.state === 'joined') return d;
    try {
      await deps.outbox.send({ key: batchKey(asker.chatId, d.id), chatId: asker.chatId, batch: d.id });
    } catch (err) {
      await dropOpenBatch(redis, prefix, asker.chatId, d.id).catch((e: unknown) =>
        log.warn({ err: e }, 'group answers: could not drop a batch left without its job'),
      );
      throw err;
    }
    log.info({ chatId: asker.chatId, batch: d.id }, 'group flooded: answers coalesced into a batch');
    return d;
  }

  /** What the handler gets back for an answer put in a batch: the message it will be part of. */
  const inBatch = (asker: Asker, p: SendPayload) => ({
    ok: true as const,
    result: {
      message_id: 0,
      date: Math.floor(Date.now() / 1000),
      chat: { id: asker.chatId, type: 'group', title: '' },
      text: p.text,
    } as unknown as Message,
  });

  const transformer: Transformer = async (prev, method, payload, signal) => {
    const asker = scope.getStore();
    const p = payload as SendPayload;
    if (
      !asker ||
      method !== 'sendMessage' ||
      String(p.chat_id) !== String(asker.chatId) ||
      typeof p.text !== 'string' ||
      p.entities !== undefined ||
      (p.parse_mode !== undefined && p.parse_mode !== 'HTML') ||
      !plainButtons(p.reply_markup)
    )
      return prev(method, payload, signal);
    try {
      const d = await deposit(asker, p);
      warned = false;
      if (d.state !== 'direct') return inBatch(asker, p) as unknown as Awaited<ReturnType<typeof prev>>;
    } catch (err) {
      if (!warned) log.warn({ err }, 'group answers: Redis unreachable, answering without coalescing');
      warned = true;
      return prev(method, payload, signal);
    }
    const res = await prev(method, payload, signal);
    if (res.ok || res.error_code !== 429) return res;
    const floodedUntil = Date.now() + (res.parameters?.retry_after ?? 1) * 1000;
    try {
      await deposit(asker, p, floodedUntil);
    } catch (err) {
      log.warn({ err }, 'group answers: Redis unreachable, waiting out the 429 instead');
      return res;
    }
    return inBatch(asker, p) as unknown as Awaited<ReturnType<typeof prev>>;
  };

  return { middleware, transformer };
}
