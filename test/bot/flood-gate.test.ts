import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, describe, expect, it, inject } from 'vitest';
import type { BotContext } from '../../src/context.js';
import { floodGate } from '../../src/bot/flood-gate.js';

/** The flood gate on the real Redis: counts per person and window, one notice, the window's expiry. */
const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: 1 });
afterAll(() => redis.quit());
const log = pino({ level: 'silent' }, new Writable({ write: (_c, _e, done) => done() }));

function gate(windowMs: number) {
  const prefix = `t${randomBytes(4).toString('hex')}`;
  const mw = floodGate(redis, { commands: 3, windowMs, prefix, log });
  const passed: string[] = [];
  const notices: string[] = [];
  const send = (userId: number, text: string) => {
    const command = text.startsWith('/');
    const ctx = {
      from: { id: userId },
      chat: { id: -5 },
      message: {
        text,
        ...(command && { entities: [{ type: 'bot_command', offset: 0, length: text.length }] }),
      },
      msg: { message_id: 1 },
      t: (key: string) => key,
      reply: async (t: string) => void notices.push(`${userId}:${t}`),
    } as unknown as BotContext;
    return mw(ctx, async () => void passed.push(`${userId}:${text}`));
  };
  return { prefix, send, passed, notices };
}

describe('flood gate', () => {
  it('drops one person’s commands beyond the limit with one notice, others and non-commands pass', async () => {
    const g = gate(10_000);
    for (let i = 1; i <= 5; i++) await g.send(1, `/help${i}`);
    await g.send(1, 'an answer to a dialog');
    await g.send(2, '/help');
    expect(g.passed).toEqual(['1:/help1', '1:/help2', '1:/help3', '1:an answer to a dialog', '2:/help']);
    expect(g.notices).toEqual(['1:flood-slow-down']);
    // The window's expiry is set with its first count, in the same step.
    const ttl = await redis.pttl(`${g.prefix}:flood:1`);
    expect(ttl).toBeGreaterThan(9_000);
    expect(ttl).toBeLessThanOrEqual(10_000);
  });

  it('lets the person through again once the window is over', async () => {
    const g = gate(300);
    for (let i = 1; i <= 4; i++) await g.send(1, `/c${i}`);
    expect(g.passed).toHaveLength(3);
    await new Promise((r) => setTimeout(r, 350));
    await g.send(1, '/again');
    expect(g.passed.at(-1)).toBe('1:/again');
  });
});
