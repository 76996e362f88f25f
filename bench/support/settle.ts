import { Redis } from 'ioredis';
import type { MessageClock } from './message-clock.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until no message has appeared in the chats for `quietMs` (at most `maxMs`). */
export async function waitQuiet(
  clock: MessageClock,
  chats: { id: number }[],
  quietMs = 1000,
  maxMs = 60_000,
): Promise<void> {
  const end = performance.now() + maxMs;
  while (performance.now() < end) {
    const latest = Math.max(0, ...chats.map((c) => clock.seen(c.id).at(-1)?.at ?? 0));
    if (performance.now() - latest >= quietMs) return;
    await sleep(100);
  }
}

/**
 * Drops the updates a polling bot has not fetched yet (deleteWebhook with drop_pending_updates), so
 * a phase that hit its cap does not spill into the next one; returns how many. A bot with a
 * webhook is left alone.
 */
export async function dropPending(apiRoot: string, token: string): Promise<number> {
  const call = async (method: string, body: unknown) => {
    const res = await fetch(`${apiRoot}/bot${token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { ok: boolean; result?: { url?: string; pending_update_count?: number } };
  };
  const info = await call('getWebhookInfo', {});
  if (info.result?.url) return 0;
  await call('deleteWebhook', { drop_pending_updates: true });
  return info.result?.pending_update_count ?? 0;
}

/** Deletes the Redis keys of a bench's queue prefix (never anything else: Redis is shared). */
export async function dropRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}
