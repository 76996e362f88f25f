import type { Redis } from 'ioredis';
import type { OutButton, OutgoingMessage } from '../src/services/notice.js';
import { paceKey } from './outbox.js';
import { luaScript } from './queues.js';

/**
 * Answers to a flooded group, coalesced (README, "Update pipeline" → "Flood"). While Telegram
 * refuses messages into a group (a 429 said so, or a batch is waiting), the bot puts each answer
 * into the group's open batch in Redis instead of waiting out the 429; the batch is one job on the
 * sender queue, paced like every other group message, and goes out as one message: identical
 * answers once, with every asker mentioned above it, replying to the latest command. A batch holds
 * what fits in one message (4096 characters, 50 answers, 50 buttons); the next answer opens the
 * next batch.
 */

/** One answer in a batch: the asker's mention (HTML) and name, the answer (HTML), the command answered. */
export interface Answer {
  /** `<a href="tg://user?id=…">name</a>`, escaped by the bot. */
  a: string;
  /** The asker's name as shown (labels the answer's buttons when several answers have their own). */
  n: string;
  /** The answer's text as HTML. */
  h: string;
  /** The message id of the command it answers. */
  m: number;
  /** The answer's inline keyboard (JSON of its rows), if it has one. */
  k?: string;
}

/** Telegram's length limit of a message's text, after entities are parsed. */
export const MESSAGE_LIMIT = 4096;
/**
 * Answers per batch: each adds a mention entity (and its own formatting) to one message; 50 keeps a
 * batch's entities well within what Telegram renders in one message.
 */
export const BATCH_ANSWERS = 50;
/** Buttons per batch message, all answers' keyboards together (Telegram takes up to 100). */
export const BATCH_BUTTONS = 50;
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
 * buttons, answer length, mention length, limit, TTL, flooded-until (0 = no new 429), the answer's
 * keyboard ('' = none), answers per batch, the keyboard's buttons, buttons per batch, the answer's
 * identity (command and digest).
 * Returns {'again'} for an answer already put in a batch (its update handled again after a crash:
 * neither sent nor batched twice), {'direct'} when the group is not flooded and has no open batch (the caller sends it),
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
local seen = base .. ':seen:' .. ARGV[13]
if redis.call('EXISTS', seen) == 1 then return {'again'} end
local id = redis.call('GET', base .. ':open')
if not id and flooded <= now then return {'direct'} end
redis.call('SET', seen, '1', 'EX', ARGV[7])
local entry, digest, textLen, nameLen = ARGV[2], ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
local limit, ttl, kb, buttons = tonumber(ARGV[6]), tonumber(ARGV[7]), ARGV[9], tonumber(ARGV[11])
local function push(b, add, addButtons)
  redis.call('RPUSH', b, entry)
  redis.call('SADD', b .. ':d', digest)
  redis.call('HINCRBY', b .. ':meta', 'size', add)
  redis.call('HINCRBY', b .. ':meta', 'buttons', addButtons)
  if kb ~= '' then redis.call('SADD', b .. ':k', kb) end
  for _, k in ipairs({b, b .. ':d', b .. ':k', b .. ':meta'}) do redis.call('EXPIRE', k, ttl) end
end
if id then
  local b = base .. ':' .. id
  local add = nameLen + 1
  if redis.call('SISMEMBER', b .. ':d', digest) == 0 then add = add + textLen + 3 end
  local addButtons = 0
  if kb ~= '' and redis.call('SISMEMBER', b .. ':k', kb) == 0 then addButtons = buttons end
  local size = tonumber(redis.call('HGET', b .. ':meta', 'size') or '0')
  local held = tonumber(redis.call('HGET', b .. ':meta', 'buttons') or '0')
  if size + add <= limit and held + addButtons <= tonumber(ARGV[12])
    and redis.call('LLEN', b) < tonumber(ARGV[10]) then
    push(b, add, addButtons)
    return {'joined', id}
  end
end
id = ARGV[1] .. '-' .. redis.call('INCR', base .. ':seq')
redis.call('EXPIRE', base .. ':seq', ${SEQ_TTL_S})
redis.call('SET', base .. ':open', id, 'EX', ttl)
push(base .. ':' .. id, nameLen + 1 + textLen + 3, kb ~= '' and buttons or 0)
local nxt = tonumber(redis.call('GET', pace) or '0')
if nxt < flooded then redis.call('SET', pace, flooded, 'PX', flooded - now + 120000) end
return {'opened', id}`;
/** Run for an answer to a group that may be flooded: sent by SHA, not its text each time. */
const DEPOSIT_SCRIPT = luaScript(DEPOSIT, 2);

/**
 * KEYS: base. ARGV: now, the answer's identity. DEPOSIT's first look, without the answer: 'direct'
 * (no flood, no open batch, not batched before: the caller sends it, nothing was written), 'again',
 * or 'batch' (then DEPOSIT decides, with the answer). Nearly every answer is direct, and this
 * carries a few bytes where DEPOSIT carries the answer's text, mention and keyboard.
 */
const PEEK = `
local base = KEYS[1]
if redis.call('EXISTS', base .. ':seen:' .. ARGV[2]) == 1 then return 'again' end
if redis.call('EXISTS', base .. ':open') == 1 then return 'batch' end
if tonumber(redis.call('GET', base .. ':until') or '0') > tonumber(ARGV[1]) then return 'batch' end
return 'direct'`;
const PEEK_SCRIPT = luaScript(PEEK, 1);

/**
 * KEYS: base. ARGV: batch id, now, gap. Closes the batch (later answers open the next) and keeps
 * the group in coalescing for one gap, so no direct answer takes the slot this batch is sent in.
 * Returns the batch's entries; the same again when the send is retried.
 */
const CLOSE = `
local base = KEYS[1]
if redis.call('GET', base .. ':open') == ARGV[1] then redis.call('DEL', base .. ':open') end
local now, gap = tonumber(ARGV[2]), tonumber(ARGV[3])
local untilKey = base .. ':until'
if now + gap > tonumber(redis.call('GET', untilKey) or '0') then
  redis.call('SET', untilKey, now + gap, 'PX', gap)
end
return redis.call('LRANGE', base .. ':' .. ARGV[1], 0, -1)`;

/** Keeps the group's answers in batches until `until` (epoch ms): Telegram refused it until then. */
export async function holdGroup(redis: Redis, prefix: string, chatId: number, ms: number, now = Date.now()) {
  await redis.eval(
    `if tonumber(ARGV[1]) > tonumber(redis.call('GET', KEYS[1]) or '0') then
       redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end`,
    1,
    `${batchBase(prefix, chatId)}:until`,
    now + ms,
    ms,
  );
}

/** Telegram's visible length of an HTML text: tags dropped, each entity one character. */
export const visibleLength = (html: string) =>
  html.replace(/<[^>]*>/g, '').replace(/&(?:[a-z]+|#\d+|#x[0-9a-f]+);/gi, '_').length;

export type Deposit = { state: 'direct' } | { state: 'again' } | { state: 'joined' | 'opened'; id: string };

/** Inline buttons as a batch keeps them: text and a link or a callback. */
export type InlineButton = { text: string; url?: string; callback_data?: string };

/**
 * Puts an answer into the group's batch, or says to send it directly (not flooded, no batch open).
 * `floodedUntil` (epoch ms) records a 429 just received: the answer then always joins a batch.
 */
export async function depositAnswer(
  redis: Redis,
  prefix: string,
  chatId: number,
  answer: Answer & { digest: string },
  opts: { now?: number; floodedUntil?: number; limit?: number; answers?: number; buttons?: number } = {},
): Promise<Deposit> {
  const now = opts.now ?? Date.now();
  const identity = `${answer.m}:${answer.digest}`;
  if (!opts.floodedUntil) {
    const first = (await PEEK_SCRIPT(redis, batchBase(prefix, chatId), now, identity)) as string;
    if (first === 'direct' || first === 'again') return { state: first };
  }
  const entry: Answer = {
    a: answer.a,
    n: answer.n,
    h: answer.h,
    m: answer.m,
    ...(answer.k && { k: answer.k }),
  };
  const buttons = answer.k ? (JSON.parse(answer.k) as InlineButton[][]).flat().length : 0;
  const r = (await DEPOSIT_SCRIPT(
    redis,
    batchBase(prefix, chatId),
    paceKey(prefix, chatId),
    now,
    JSON.stringify(entry),
    answer.digest,
    visibleLength(answer.h),
    answer.n.length,
    opts.limit ?? MESSAGE_LIMIT,
    BATCH_TTL_S,
    opts.floodedUntil ?? 0,
    answer.k ?? '',
    opts.answers ?? BATCH_ANSWERS,
    buttons,
    opts.buttons ?? BATCH_BUTTONS,
    identity,
  )) as [string, string?];
  if (r[0] === 'direct' || r[0] === 'again') return { state: r[0] };
  return { state: r[0] as 'joined' | 'opened', id: r[1]! };
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

/** A button's label in a message of several answers with keyboards of their own: whose it is. */
const labelled = (name: string, rows: InlineButton[][]) => {
  const who = name.length > 12 ? `${name.slice(0, 11)}…` : name;
  return rows.map((row) => row.map((b) => ({ ...b, text: `${who} · ${b.text}` })));
};

/**
 * The one message of a batch: one answer alone as it was (replying to its command); several as
 * one text per distinct answer with the mentions of all who asked above it, replying to the latest.
 * Buttons: the answers' one keyboard; when answers have different ones, each keyboard's buttons
 * named after the first person its answer is for (the name heading that answer).
 */
export function composeAnswers(entries: Answer[]): {
  text: string;
  replyTo: number;
  keyboard?: InlineButton[][];
} {
  const last = entries[entries.length - 1]!;
  const rows = (k: string) => JSON.parse(k) as InlineButton[][];
  if (entries.length === 1)
    return { text: last.h, replyTo: last.m, ...(last.k && { keyboard: rows(last.k) }) };
  const parts = new Map<string, { h: string; who: string[] }>();
  const keyboards = new Map<string, string>();
  for (const e of entries) {
    const id = `${e.h}\0${e.k ?? ''}`;
    const part = parts.get(id) ?? { h: e.h, who: [] };
    if (!part.who.includes(e.a)) part.who.push(e.a);
    parts.set(id, part);
    if (e.k && !keyboards.has(e.k)) keyboards.set(e.k, e.n);
  }
  const text = [...parts.values()].map(({ h, who }) => `${who.join(' ')}\n${h}`).join('\n\n');
  const kbs = [...keyboards];
  const keyboard =
    kbs.length === 0
      ? undefined
      : kbs.length === 1
        ? rows(kbs[0]![0])
        : kbs.flatMap(([k, n]) => labelled(n, rows(k)));
  return { text, replyTo: last.m, ...(keyboard && { keyboard }) };
}

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
  const raw = (await redis.eval(
    CLOSE,
    1,
    batchBase(prefix, msg.chatId),
    msg.batch,
    opts.now ?? Date.now(),
    opts.gapMs,
  )) as string[];
  if (raw.length === 0) return undefined;
  const { text, replyTo, keyboard } = composeAnswers(raw.map((e) => JSON.parse(e) as Answer));
  const buttons: OutButton[][] | undefined = keyboard?.map((row) =>
    row.map((b) => ({
      text: b.text,
      ...(b.url && { url: b.url }),
      ...(b.callback_data && { callbackData: b.callback_data }),
    })),
  );
  return { key: msg.key, chatId: msg.chatId, text, html: true, replyTo, ...(buttons && { buttons }) };
}
