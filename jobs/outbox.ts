import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { OutgoingMessage } from '../src/services/notice.js';
import { QUEUES, redisConnection } from './queues.js';

export type { OutButton, OutgoingMessage } from '../src/services/notice.js';

/** Pause between two messages into one chat: groups 20/min, private chats 1/s (Telegram FAQ). */
export const GROUP_GAP_MS = 3_000;
export const PRIVATE_GAP_MS = 1_000;

/** Per-chat pauses other than Telegram's (tests with the sandbox's limits off shorten them). */
export interface ChatGaps {
  group: number;
  private: number;
}

/** The pause between two messages into this chat: a group's or a private chat's. */
export const gapOf = (chatId: number, gaps?: ChatGaps) =>
  chatId < 0 ? (gaps?.group ?? GROUP_GAP_MS) : (gaps?.private ?? PRIVATE_GAP_MS);

/**
 * The sender's overall limit: 30 messages per 1,020 ms. BullMQ counts in fixed windows while
 * Telegram (and the sandbox) refill a bucket continuously; the 2% margin absorbs the jitter
 * between the two, which at exactly 30/1,000 ms gave a handful of 429s per 20,000 messages.
 */
export const SENDER_LIMITER = { max: 30, duration: 1_020 } as const;

/** Reserves the next free send slot of a chat; returns how long to wait for it. */
const RESERVE = `
local now = tonumber(ARGV[1])
local gap = tonumber(ARGV[2])
local nxt = tonumber(redis.call('GET', KEYS[1]) or '0')
if nxt < now then nxt = now end
-- Kept until two minutes past the slot just given (however far ahead), so the queue's order holds.
redis.call('SET', KEYS[1], nxt + gap, 'PX', nxt - now + gap + 120000)
return nxt - now`;

/** The Redis key of a chat's pace: its next free send slot (epoch ms). */
export const paceKey = (prefix: string, chatId: number) => `${prefix}:pace:${chatId}`;

/** Reserves the chat's next free send slot: epoch ms, no earlier than `now`, one gap after the last. */
export async function reserveSlot(redis: Redis, prefix: string, chatId: number, gapMs: number, now: number) {
  return now + Number(await redis.eval(RESERVE, 1, paceKey(prefix, chatId), now, gapMs));
}

/** BullMQ job ids may not contain ':'. */
export const jobIdOf = (key: string) => key.replace(/:/g, '.');
export const sentKey = (prefix: string, key: string) => `${prefix}:sent:${jobIdOf(key)}`;

/** The producer side of the sender queue, used by every processor that talks to users. */
export function createOutbox(deps: {
  queue: Queue<OutgoingMessage>;
  redis: Redis;
  prefix: string;
  now?: () => number;
  /** Per-chat gaps; tests with the sandbox's limits off shorten them. */
  gaps?: ChatGaps;
}) {
  const now = deps.now ?? Date.now;
  return {
    /** Queues a message unless it was already sent; returns false when it was. */
    async send(msg: OutgoingMessage): Promise<boolean> {
      if (await deps.redis.exists(sentKey(deps.prefix, msg.key))) return false;
      const at = now();
      const slot = await reserveSlot(deps.redis, deps.prefix, msg.chatId, gapOf(msg.chatId, deps.gaps), at);
      await deps.queue.add('send', msg, {
        jobId: jobIdOf(msg.key),
        delay: slot - at,
        attempts: 8,
        backoff: { type: 'exponential', delay: 2_000 },
        removeOnComplete: { age: 24 * 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      });
      return true;
    },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;

/** An outbox for a process that only produces messages (the bot): its own connection and queue. */
export function openOutbox(redisUrl: string, prefix: string) {
  const redis = redisConnection(redisUrl);
  const queue = new Queue<OutgoingMessage>(QUEUES.sender, { connection: redis, prefix });
  return {
    queue,
    outbox: createOutbox({ queue, redis, prefix }),
    async close() {
      await queue.close();
      await redis.quit();
    },
  };
}
