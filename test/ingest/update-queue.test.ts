import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Update } from 'grammy/types';
import { chatKeyOf, createUpdateQueue, MAX_TRIES, type UpdateQueue } from '../../src/ingest/update-queue.js';

const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
afterAll(() => redis.quit());

let q: UpdateQueue;
beforeEach(() => {
  // Each test its own keys on the shared Redis.
  q = createUpdateQueue(redis, `t${randomBytes(5).toString('hex')}`, { leaseMs: 300 });
});

const msg = (update_id: number, chat: number, text = `m${update_id}`): Update =>
  ({
    update_id,
    message: { message_id: update_id, date: 0, chat: { id: chat, type: 'group', title: 'g' }, text },
  }) as Update;

async function claimed(queue = q) {
  const r = await queue.claim();
  if (!('claimed' in r)) throw new Error('nothing to claim');
  return r.claimed;
}

describe('update queue', () => {
  it('queues an update id once within a day (Telegram redelivers)', async () => {
    expect(await q.enqueue(msg(1, -5))).toBe(true);
    expect(await q.enqueue(msg(1, -5))).toBe(false);
    expect(await q.depth()).toEqual({ queued: 1, parked: 0 });
    const [seen] = await redis.keys(`${q.prefix}:seen:1:*`);
    expect(await redis.ttl(seen!)).toBeGreaterThan(86_000);
  });

  it('takes a different update that reuses an id (a restarted sandbox, ids picked afresh) for new', async () => {
    expect(await q.enqueue(msg(1, -5, 'first'))).toBe(true);
    expect(await q.enqueue(msg(1, -5, 'another'))).toBe(true);
    expect(await q.depth()).toEqual({ queued: 2, parked: 0 });
  });

  it('hands out one chat at a time, its updates in order, other chats meanwhile', async () => {
    for (const [id, chat] of [
      [1, -5],
      [2, -5],
      [3, -6],
      [4, -5],
    ] as const)
      await q.enqueue(msg(id, chat));
    const a = await claimed();
    const b = await claimed();
    expect([a.update.update_id, b.update.update_id]).toEqual([1, 3]);
    // -5 is leased: nothing else of it is handed out until its head is acknowledged.
    expect('claimed' in (await q.claim())).toBe(false);
    expect(await q.ack(a)).toBe(true);
    const c = await claimed();
    expect(c.update.update_id).toBe(2);
    await q.ack(c);
    await q.ack(b);
    expect((await claimed()).update.update_id).toBe(4);
  });

  it('hands an update again after its holder died (the lease ran out), not before', async () => {
    await q.enqueue(msg(1, -5));
    const first = await claimed();
    expect('claimed' in (await q.claim())).toBe(false);
    await new Promise((r) => setTimeout(r, 350));
    const again = await claimed();
    expect(again.update.update_id).toBe(1);
    expect(again.attempt).toBe(2);
    // The dead holder's late acknowledgement is refused: the new holder owns the chat.
    expect(await q.ack(first)).toBe(false);
    expect(await q.ack(again)).toBe(true);
    expect(await q.depth()).toEqual({ queued: 0, parked: 0 });
  });

  it('acknowledges and claims the next ready update in one step', async () => {
    await q.enqueue(msg(1, -5));
    await q.enqueue(msg(2, -5));
    await q.enqueue(msg(3, -6));
    const a = await claimed();
    const b = await claimed();
    expect([a.update.update_id, b.update.update_id]).toEqual([1, 3]);
    // -5's next update is ready once 1 is acknowledged: the same step hands it out.
    const r = await q.ackAndClaim(a);
    expect(r.acked).toBe(true);
    expect('claimed' in r && [r.claimed.update.update_id, r.claimed.attempt, r.claimed.replayed]).toEqual([
      2,
      1,
      false,
    ]);
    // Nothing left: the reply says so (no chat due), and a lost lease is reported as before.
    const last = await q.ackAndClaim(b);
    expect(last).toEqual({ acked: true, nextAt: null });
    expect('claimed' in r && (await q.ackAndClaim(r.claimed)).acked).toBe(true);
    expect((await q.ackAndClaim(b)).acked).toBe(false);
    expect(await q.depth()).toEqual({ queued: 0, parked: 0 });
  });

  it('keeps a lease its holder renews', async () => {
    await q.enqueue(msg(1, -5));
    const c = await claimed();
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 100));
      expect(await q.renew(c)).toBe(true);
    }
    expect('claimed' in (await q.claim())).toBe(false);
  });

  it('parks an update after the fifth failure with its error, and the chat goes on', async () => {
    await q.enqueue(msg(1, -5));
    await q.enqueue(msg(2, -5));
    for (let i = 1; i <= MAX_TRIES; i++) {
      const c = await claimed();
      expect([c.update.update_id, c.attempt]).toEqual([1, i]);
      const outcome = await q.fail(c, `boom ${i}`, { retryInMs: 0, counts: true });
      expect(outcome).toBe(i === MAX_TRIES ? 'parked' : 'retry');
    }
    const dead = await q.deadLetters();
    expect(dead).toMatchObject([{ chat: '-5', error: 'boom 5', attempts: 5, update: { update_id: 1 } }]);
    const next = await claimed();
    expect([next.update.update_id, next.attempt]).toEqual([2, 1]);
    expect(await q.depth()).toEqual({ queued: 1, parked: 1 });
  });

  it('does not count failures of a store being away, and waits the retry delay', async () => {
    await q.enqueue(msg(1, -5));
    for (let i = 0; i < MAX_TRIES + 2; i++) {
      const c = await claimed();
      expect(c.attempt).toBe(1);
      expect(await q.fail(c, 'MongoServerSelectionError', { retryInMs: 0, counts: false })).toBe('retry');
    }
    const c = await claimed();
    await q.fail(c, 'down', { retryInMs: 200, counts: false });
    const r = await q.claim();
    expect('nextAt' in r && r.nextAt! > Date.now()).toBe(true);
    await new Promise((res) => setTimeout(res, 220));
    expect((await claimed()).update.update_id).toBe(1);
    expect(await q.deadLetters()).toEqual([]);
  });

  it('says whether an update was handed out before (lease ran out, store away), per head', async () => {
    await q.enqueue(msg(1, -5));
    await q.enqueue(msg(2, -5));
    const first = await claimed();
    expect([first.attempt, first.replayed]).toEqual([1, false]);
    // A store away gives the attempt back, but the update may have been handled in part.
    await q.fail(first, 'MongoServerSelectionError', { retryInMs: 0, counts: false });
    const again = await claimed();
    expect([again.attempt, again.replayed]).toEqual([1, true]);
    await new Promise((r) => setTimeout(r, 350));
    const afterDeath = await claimed();
    expect([afterDeath.attempt, afterDeath.replayed]).toEqual([2, true]);
    expect(await q.ack(afterDeath)).toBe(true);
    const next = await claimed();
    expect([next.update.update_id, next.attempt, next.replayed]).toEqual([2, 1, false]);
  });

  it('parks an update whose handler kept dying (never answered, lease ran out each time)', async () => {
    await q.enqueue(msg(1, -5));
    await q.enqueue(msg(2, -5));
    for (let i = 0; i < MAX_TRIES; i++) {
      await claimed();
      await new Promise((r) => setTimeout(r, 320));
    }
    const next = await claimed();
    expect(next.update.update_id).toBe(2);
    expect(await q.deadLetters()).toMatchObject([
      { error: 'the handler never finished', update: { update_id: 1 } },
    ]);
  });
});

describe('chatKeyOf', () => {
  it.each([
    [{ update_id: 1, message: { chat: { id: -7 } } }, '-7'],
    [{ update_id: 1, callback_query: { from: { id: 9 }, message: { chat: { id: -7 } } } }, '-7'],
    [{ update_id: 1, callback_query: { from: { id: 9 }, inline_message_id: 'x' } }, '9'],
    [{ update_id: 1, chat_member: { chat: { id: -8 }, from: { id: 9 } } }, '-8'],
    [{ update_id: 1, poll_answer: { user: { id: 9 } } }, '9'],
    [{ update_id: 1, poll: { id: 'p1' } }, 'poll:p1'],
  ])('%j belongs to chat %s', (update, chat) => {
    expect(chatKeyOf(update as unknown as Update)).toBe(chat);
  });
});
