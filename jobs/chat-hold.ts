import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { paceKey } from './outbox.js';
import { luaScript } from './queues.js';

/**
 * A chat Telegram refused (429): that chat alone waits out `retry_after`, its messages keep their
 * order, and every other chat goes on (the worker's limiter keeps the overall rate, so a 429 is
 * about one chat: a private chat that also got the bot's direct replies, a flooded group).
 *
 * A message's place in its chat is its slot: the send time the outbox reserved for it in the
 * chat's pace (jobs/outbox.ts), a later one for each message queued later. A hold is one entry
 * `[from, to, shift]`: the messages whose slot is in [from, to) go `shift` ms later. `from` is the
 * refused message's slot, `to` the chat's pace when it was refused (so: the refused message and
 * every one queued before the refusal behind it), `shift` what brings the refused message to the
 * end of its `retry_after`; the pace moves on by `shift`, so a message queued later reserves a slot
 * behind them all. A message is due at its slot plus the shifts of the entries its slot is in. A
 * later slot is in every entry an earlier one is in, except entries made before it was queued,
 * and those the pace already put it behind: order by slot is kept, gaps included, and it is kept
 * again by each further 429 (its own entry, the shifts adding up). Each message looks at its chat's
 * hold when it comes up and moves itself to when it is due; one that is due sends. (Not "wait
 * while the chat is held": a message queued further ahead than `retry_after` would then go before
 * those moved behind the refused one.)
 */

/** The Redis key of a chat's hold: JSON `[[from, to, shift], …]`, epoch ms. */
export const holdKey = (prefix: string, chatId: number) => `${prefix}:hold:${chatId}`;

/**
 * How long an entry is kept after the last message it shifts was due: far more than a message of a
 * held chat waits for its turn (forgetting an entry early would only cost another 429).
 */
const KEEP_MS = 15 * 60_000;

type Entry = [from: number, to: number, shift: number];

/** A message's slot: when the outbox queued it to go (its job's delay, kept across moves). */
export const slotOf = (job: Pick<Job, 'timestamp' | 'opts'>) => job.timestamp + (job.opts.delay ?? 0);

/** When a message with this slot is due under its chat's hold (the GET of `holdKey`). */
export function dueUnder(hold: string | null, slot: number): number {
  if (!hold) return slot;
  let due = slot;
  for (const [from, to, shift] of JSON.parse(hold) as Entry[]) if (slot >= from && slot < to) due += shift;
  return due;
}

/**
 * KEYS: hold, the chat's pace. ARGV: now, the refused message's slot, until (now + retry_after),
 * the chat's gap, KEEP_MS. Returns {due, made}: when the refused message goes now, and 1 when this
 * 429 made the chat wait longer (0: it was already held at least that long, by a 429 met at once by
 * another message of the chat). Entries as dueUnder reads them; old ones are dropped.
 */
const HOLD = `
local now, slot, untl = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local gap, keep = tonumber(ARGV[4]), tonumber(ARGV[5])
local raw = redis.call('GET', KEYS[1])
local entries = raw and cjson.decode(raw) or {}
local due = slot
for _, e in ipairs(entries) do
  if slot >= e[1] and slot < e[2] then due = due + e[3] end
end
local shift = untl - due
if shift > 0 then
  local pace = tonumber(redis.call('GET', KEYS[2]) or '0')
  entries[#entries + 1] = {slot, math.max(pace, slot + 1), shift}
  local nxt = math.max(pace + shift, untl + gap)
  redis.call('SET', KEYS[2], nxt, 'PX', math.floor(nxt - now + 120000))
  due = untl
end
local kept, last = {}, 0
for _, e in ipairs(entries) do
  if e[2] + e[3] + keep > now then
    kept[#kept + 1] = e
    if e[2] + e[3] > last then last = e[2] + e[3] end
  end
end
if #kept > 0 then
  redis.call('SET', KEYS[1], cjson.encode(kept), 'PX', math.floor(last + keep - now))
else
  redis.call('DEL', KEYS[1])
end
return {due, shift > 0 and 1 or 0}`;
const HOLD_SCRIPT = luaScript(HOLD, 2);

/**
 * Holds the chat after Telegram refused the message with this slot until `until` (epoch ms): the
 * message and those queued behind it move by the same time, messages queued later come after
 * them. Returns when the refused message is due, and whether this 429 made the chat wait longer.
 */
export async function holdChat(
  redis: Redis,
  prefix: string,
  chatId: number,
  opts: { slot: number; until: number; gapMs: number; now?: number },
): Promise<{ due: number; longer: boolean }> {
  const [due, made] = (await HOLD_SCRIPT(
    redis,
    holdKey(prefix, chatId),
    paceKey(prefix, chatId),
    opts.now ?? Date.now(),
    Math.round(opts.slot),
    Math.round(opts.until),
    opts.gapMs,
    KEEP_MS,
  )) as [number, number];
  return { due, longer: made === 1 };
}
