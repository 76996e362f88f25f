import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { GROUP_GAP_MS, paceKey, reserveSlot } from '../../jobs/outbox.js';

/** A chat's pace (jobs/outbox.ts) on the real Redis, on instants the test passes in. */
const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: 1 });
afterAll(async () => {
  await redis.quit();
});

describe("a chat's pace", () => {
  it('is kept past its last slot however many posts are queued, so a later one queues behind them all', async () => {
    const prefix = `t-${randomUUID()}`;
    const group = -1001;
    const t = Date.now();
    // Sixty posts to one group at once (a branch's results with many fallbacks): three minutes of
    // slots, more than the two minutes a pace used to be kept for after each reservation.
    const slots: number[] = [];
    for (let i = 0; i < 60; i++) slots.push(await reserveSlot(redis, prefix, group, GROUP_GAP_MS, t));
    expect(slots.at(-1)! - t).toBe(59 * GROUP_GAP_MS);
    const ttl = await redis.pttl(paceKey(prefix, group));
    expect(ttl).toBeGreaterThan(59 * GROUP_GAP_MS + 110_000);
    // A post queued two and a half minutes on, while the key is kept (as its time to live above
    // promises), goes after the last of them.
    const later = t + 150_000;
    expect(await reserveSlot(redis, prefix, group, GROUP_GAP_MS, later)).toBe(t + 60 * GROUP_GAP_MS);
  });
});
