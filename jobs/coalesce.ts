import type { Redis } from 'ioredis';
import type { OutButton, OutgoingMessage } from '../src/services/notice.js';

/**
 * Answers to a flooded group, coalesced (README, "Update pipeline" → "Flood"). While Telegram
 * refuses messages into a group (a 429 said so, or a batch is waiting), the bot puts each answer
 * into the group's open batch in Redis instead of waiting out the 429; the batch is one job on the
 * sender queue, paced like every other group message, and goes out as one message: identical
 * answers once, with every asker mentioned above it, replying to the latest command. A batch holds
 * what fits in one message (4096 characters, 50 answers); the next answer opens the next batch.
 */

/** One answer in a batch: the asker's mention (HTML), the answer (HTML), the command answered. */
export interface Answer {
  /** `<a href="tg://user?id=…">name</a>`, escaped by the bot. */
  a: string;
  /** The answer's text as HTML. */
  h: string;
  /** The message id of the command it answers. */
  m: number;
}

/** Telegram's length limit of a message's text, after entities are parsed. */
export const MESSAGE_LIMIT = 4096;
/**
 * Answers per batch: each adds a mention entity (and its own formatting) to one message; 50 keeps a
 * batch's entities well within what Telegram renders in one message.
 */
export const BATCH_ANSWERS = 50;
/** How long an unsent batch is kept: far longer than the sender retries a job. */
const BATCH_TTL_S = 24 * 3600;
/** The batch counter's life: longer than the sender's sent-markers, so a key is never reused. */
const SEQ_TTL_S = 60 * 24 * 3600;

/** The Redis keys of one group's batches. */
export const batchBase = (prefix: string, chatId: number) => `${prefix}:answers:${chatId}`;
/** The sender queue's key of one batch's message. */
export const batchKey = (chatId: number, id: string) => `answers:${chatId}:${id}`;

/**
 * KEYS: base, the group's pace key (jobs/outbox.ts). ARGV: now, entry JSON, digest of answer and
 * buttons, answer length, mention length, limit, TTL, flooded-until (0 = no new 429), buttons JSON
 * ('' = none), answers per batch.
 * Returns {'direct'} when the group is not flooded and has no open batch (the caller sends it),
 * else {'joined'|'opened', id}. A new batch's flush waits for the end of the flood: the pace key
 * moves there, so the sender queue's next slot for the group is no earlier.
 */
const DEPOSIT = `
local base, pace = KEYS[1], KEYS[2]
local now = tonumber(ARGV[1])
local untilKey = base .. ':until'
local untilNew = tonumber(ARGV[8])
if untilNew > now then
  local cur = tonumber(redis.call('GET', untilKey) or '0')
  if untilNew > cur then redis.call('SET', untilKey, untilNew, 'PX', untilNew - now) end
end
local flooded = tonumber(redis.call('GET', untilKey) or '0')
local id = redis.call('GET', base .. ':open')
if not id and flooded <= now then return {'direct'} end
local entry, digest, textLen, nameLen = ARGV[2], ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
local limit, ttl, kb = tonumber(ARGV[6]), tonumber(ARGV[7]), ARGV[9]
local function push(b, add)
  redis.call('RPUSH', b, entry)
  redis.call('SADD', b .. ':d', digest)
  redis.call('HINCRBY', b .. ':meta', 'size', add)
  if kb ~= '' then redis.call('HSET', b .. ':meta', 'kb', kb) end
  redis.call('EXPIRE', b, ttl)
  redis.call('EXPIRE', b .. ':d', ttl)
  redis.call('EXPIRE', b .. ':meta', ttl)
end
if id then
  local b = base .. ':' .. id
  local bkb = redis.call('HGET', b .. ':meta', 'kb') or ''
  local fits = kb == '' or bkb == '' or bkb == kb
  local new = redis.call('SISMEMBER', b .. ':d', digest) == 0
  local add = nameLen + 1
  if new then add = add + textLen + 3 end
  local size = tonumber(redis.call('HGET', b .. ':meta', 'size') or '0')
  if fits and size + add <= limit and redis.call('LLEN', b) < tonumber(ARGV[10]) then
    push(b, add)
    return {'joined', id}
  end
end
id = ARGV[1] .. '-' .. redis.call('INCR', base .. ':seq')
redis.call('EXPIRE', base .. ':seq', ${SEQ_TTL_S})
redis.call('SET', base .. ':open', id, 'EX', ttl)
push(base .. ':' .. id, nameLen + 1 + textLen + 3)
local nxt = tonumber(redis.call('GET', pace) or '0')
if nxt < flooded then redis.call('SET', pace, flooded, 'PX', flooded - now + 120000) end
return {'opened', id}`;

/**
 * KEYS: base. ARGV: batch id, now, gap. Closes the batch (later answers open the next) and keeps
 * the group in coalescing for one gap, so no direct answer takes the slot this batch is sent in.
 * Returns the batch's entries and buttons; the same again when the send is retried.
 */
const CLOSE = `
local base = KEYS[1]
if redis.call('GET', base .. ':open') == ARGV[1] then redis.call('DEL', base .. ':open') end
local now, gap = tonumber(ARGV[2]), tonumber(ARGV[3])
local untilKey = base .. ':until'
if now + gap > tonumber(redis.call('GET', untilKey) or '0') then
  redis.call('SET', untilKey, now + gap, 'PX', gap)
end
local b = base .. ':' .. ARGV[1]
return {redis.call('LRANGE', b, 0, -1), redis.call('HGET', b .. ':meta', 'kb') or ''}`;

/** Telegram's visible length of an HTML text: tags dropped, each entity one character. */
export const visibleLength = (html: string) =>
  html.replace(/<[^>]*>/g, '').replace(/&(?:[a-z]+|#\d+|#x[0-9a-f]+);/gi, '_').length;

export type Deposit = { state: 'direct' } | { state: 'joined' | 'opened'; id: string };

/**
 * Puts an answer into the group's batch, or says to send it directly (not flooded, no batch open).
 * `floodedUntil` (epoch ms) records a 429 just received: the answer then always joins a batch.
 */
export async function depositAnswer(
  redis: Redis,
  prefix: string,
  chatId: number,
  answer: Answer & { buttons: string; digest: string; nameLength: number },
  opts: { now?: number; floodedUntil?: number; limit?: number; answers?: number } = {},
): Promise<Deposit> {
  const now = opts.now ?? Date.now();
  const entry: Answer = { a: answer.a, h: answer.h, m: answer.m };
  const r = (await redis.eval(
    DEPOSIT,
    2,
    batchBase(prefix, chatId),
    `${prefix}:pace:${chatId}`,
    now,
    JSON.stringify(entry),
    answer.digest,
    visibleLength(answer.h),
    answer.nameLength,
    opts.limit ?? MESSAGE_LIMIT,
    BATCH_TTL_S,
    opts.floodedUntil ?? 0,
    answer.buttons,
    opts.answers ?? BATCH_ANSWERS,
  )) as [string, string?];
  return r[0] === 'direct' ? { state: 'direct' } : { state: r[0] as 'joined' | 'opened', id: r[1]! };
}

/** Forgets an opened batch whose job could not be queued, so the next answer opens another. */
export async function dropOpenBatch(redis: Redis, prefix: string, chatId: number, id: string) {
  const open = `${batchBase(prefix, chatId)}:open`;
  await redis.eval(
    `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end`,
    1,
    open,
    id,
  );
}

/**
 * The one message of a batch: one answer alone as it was (replying to its command); several as
 * one text per distinct answer with the mentions of all who asked above it, replying to the latest.
 */
export function composeAnswers(entries: Answer[]): { text: string; replyTo: number } {
  const last = entries[entries.length - 1]!;
  if (entries.length === 1) return { text: last.h, replyTo: last.m };
  const askers = new Map<string, string[]>();
  for (const e of entries) {
    const who = askers.get(e.h) ?? [];
    if (!who.includes(e.a)) who.push(e.a);
    askers.set(e.h, who);
  }
  const text = [...askers].map(([h, who]) => `${who.join(' ')}\n${h}`).join('\n\n');
  return { text, replyTo: last.m };
}

type InlineButton = { text: string; url?: string; callback_data?: string };

/**
 * Closes a batch at send time and returns the message to send (undefined when the batch is gone):
 * what the sender does with an OutgoingMessage that has `batch`.
 */
export async function takeBatch(
  redis: Redis,
  prefix: string,
  msg: OutgoingMessage & { batch: string },
  opts: { gapMs: number; now?: number },
): Promise<OutgoingMessage | undefined> {
  const [raw, kb] = (await redis.eval(
    CLOSE,
    1,
    batchBase(prefix, msg.chatId),
    msg.batch,
    opts.now ?? Date.now(),
    opts.gapMs,
  )) as [string[], string];
  if (raw.length === 0) return undefined;
  const { text, replyTo } = composeAnswers(raw.map((e) => JSON.parse(e) as Answer));
  const buttons: OutButton[][] | undefined = kb
    ? (JSON.parse(kb) as { inline_keyboard: InlineButton[][] }).inline_keyboard.map((row) =>
        row.map((b) => ({
          text: b.text,
          ...(b.url && { url: b.url }),
          ...(b.callback_data && { callbackData: b.callback_data }),
        })),
      )
    : undefined;
  return { key: msg.key, chatId: msg.chatId, text, html: true, replyTo, ...(buttons && { buttons }) };
}
