import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { dueUnder, holdChat, holdKey } from '../../jobs/chat-hold.js';
import { paceKey, reserveSlot } from '../../jobs/outbox.js';

/**
 * A chat's hold after a 429 (jobs/chat-hold.ts) on the real Redis, on a clock of the test's own:
 * every instant is passed in, nothing waits.
 */
const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: 1 });
afterAll(async () => {
  await redis.quit();
});

const GAP = 1_000;
const CHAT = 42;

function chat() {
  const prefix = `t-${randomUUID()}`;
  return {
    prefix,
    reserve: (now: number) => reserveSlot(redis, prefix, CHAT, GAP, now),
    refuse: (slot: number, now: number, retryS: number) =>
      holdChat(redis, prefix, CHAT, { slot, until: now + retryS * 1000, gapMs: GAP, now }),
    dues: async (slots: number[]) => {
      const hold = await redis.get(holdKey(prefix, CHAT));
      return slots.map((s) => dueUnder(hold, s));
    },
  };
}

describe("a chat's hold", () => {
  it('moves the refused message and those queued behind it by the same time, also past the end of the hold', async () => {
    const c = chat();
    const t = Date.now();
    // Eight messages a second apart, more than the 3 s the 429 says to wait.
    const slots: number[] = [];
    for (let i = 0; i < 8; i++) slots.push(await c.reserve(t));
    expect(slots.map((s) => s - t)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => i * GAP));
    // The second is refused as it goes, a little late.
    const held = await c.refuse(slots[1]!, t + 1_050, 3);
    expect(held).toEqual({ due: t + 4_050, longer: true });
    // The first went out; the rest keep their order and spacing behind the refused one.
    expect((await c.dues(slots)).map((d) => d - t)).toEqual([
      0, 4_050, 5_050, 6_050, 7_050, 8_050, 9_050, 10_050,
    ]);
    // Queued now: behind them all.
    const later = await c.reserve(t + 1_100);
    expect(later - t).toBe(11_050);
    expect(await c.dues([later])).toEqual([later]);
    expect(Number(await redis.get(paceKey(c.prefix, CHAT))) - t).toBe(12_050);
  });

  it('a second 429 adds its wait to those behind it; one refused at once with it makes no new hold', async () => {
    const c = chat();
    const t = Date.now();
    const slots: number[] = [];
    for (let i = 0; i < 4; i++) slots.push(await c.reserve(t));
    await c.refuse(slots[0]!, t + 20, 2); // all four move by 2,020 ms
    slots.push(await c.reserve(t + 100)); // queued after: 1 s after the last of them
    expect((await c.dues(slots)).map((d) => d - t)).toEqual([2_020, 3_020, 4_020, 5_020, 6_020]);
    // The first goes; the second, at its new time, is refused again for 5 s.
    expect(await c.refuse(slots[1]!, t + 3_030, 5)).toEqual({ due: t + 8_030, longer: true });
    expect((await c.dues(slots)).map((d) => d - t)).toEqual([2_020, 8_030, 9_030, 10_030, 11_030]);
    // The third had left with the second, before the hold: refused too, it waits in its place.
    expect(await c.refuse(slots[2]!, t + 3_040, 5)).toEqual({ due: t + 9_030, longer: false });
    expect((await c.dues(slots)).map((d) => d - t)).toEqual([2_020, 8_030, 9_030, 10_030, 11_030]);
  });

  it('keeps the order and spacing through random queueing and refusals', async () => {
    const c = chat();
    const random = mulberry32(20_261_206);
    const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo));
    let now = Date.now();
    const pending: number[] = [];
    let sent = 0;
    let refused = 0;
    for (let step = 0; step < 300; step++) {
      if (pending.length === 0 || random() < 0.35) {
        pending.push(await c.reserve(now));
        now += between(0, 1_500);
        continue;
      }
      // The next message to come up: the one due first, some time after it is due.
      const dues = await c.dues(pending);
      const next = dues.indexOf(Math.min(...dues));
      // Slot order is due order, a gap apart.
      expect(next).toBe(0);
      for (let i = 1; i < dues.length; i++) expect(dues[i]! - dues[i - 1]!).toBeGreaterThanOrEqual(GAP);
      now = Math.max(now, dues[0]!) + between(0, 300);
      if (random() < 0.3) {
        const retryS = between(1, 8);
        const held = await c.refuse(pending[0]!, now, retryS);
        refused++;
        expect(held.due).toBeGreaterThanOrEqual(now + retryS * 1000);
        expect(await c.dues([pending[0]!])).toEqual([held.due]);
      } else {
        pending.shift();
        sent++;
      }
    }
    expect(sent).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(20);
  });
});

/** A small seeded random generator: the same sequence on every run. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}
