import { afterEach, describe, expect, it } from 'vitest';
import { RateLimiter, DEFAULT_RATE_LIMITS } from '../../src/sandbox/rate-limit.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { SandboxClient } from '../support/sandbox-client.js';
import { RawBot, setup } from './helpers.js';

describe('rate limits', () => {
  let sb: SandboxClient | undefined;
  afterEach(() => sb?.close());

  it('are on by default with Telegram-like figures', () => {
    expect(DEFAULT_RATE_LIMITS).toEqual({
      perChatPerSecond: 1,
      perChatBurst: 3,
      perGroupPerMinute: 20,
      globalPerSecond: 30,
    });
    const limiter = new RateLimiter(DEFAULT_RATE_LIMITS);
    const answers = Array.from({ length: 5 }, () => limiter.take(1, 42, false));
    expect(answers.slice(0, 3)).toEqual([0, 0, 0]);
    expect(answers[3]).toBeGreaterThanOrEqual(1);
  });

  it("take a chat's first message at once, even when the clock ticked since the request came", () => {
    // One message per 5 s, no burst: a bucket made a millisecond after the request's instant once
    // counted that millisecond against it and refused the first message (retry after 1).
    const limiter = new RateLimiter({ ...DEFAULT_RATE_LIMITS, perChatPerSecond: 0.2, perChatBurst: 1 });
    const at = Date.now() - 5;
    expect(limiter.take(1, 42, false, at)).toBe(0);
    expect(limiter.take(1, 42, false, at + 1_000)).toBe(4);
    expect(limiter.take(1, 42, false, at + 5_000)).toBe(0);
  });

  it('apply when startSandbox is given no option', async () => {
    const server = await startSandbox({ port: 0 });
    const client = SandboxClient.connect(server.url);
    const bot = new RawBot(server.url);
    await client.useBot(bot.token);
    const ann = await client.createUser({ first_name: 'Ann' });
    await client.start(ann);
    const codes = [];
    for (let i = 0; i < 5; i++)
      codes.push((await bot.call('sendMessage', { chat_id: ann.id, text: 'x' })).status);
    await server.close();
    expect(codes.slice(0, 3)).toEqual([200, 200, 200]);
    expect(codes.at(-1)).toBe(429);
  });

  it('answer 429 with retry_after once a chat exceeds its burst, then recover', async () => {
    const s = await setup({ rateLimits: { perChatPerSecond: 2, perChatBurst: 2 } });
    sb = s.sb;
    const ann = await sb.createUser({ first_name: 'Ann' });
    await sb.start(ann);
    const send = () => s.bot.call('sendMessage', { chat_id: ann.id, text: 'x' });
    expect((await send()).body.ok).toBe(true);
    expect((await send()).body.ok).toBe(true);
    const limited = await send();
    expect(limited).toEqual({
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 1',
        parameters: { retry_after: 1 },
      },
    });
    await new Promise((r) => setTimeout(r, 600));
    expect((await send()).body.ok).toBe(true);
  });

  it('limit messages per minute in a group, and overall per second', async () => {
    const s = await setup({
      rateLimits: { perChatBurst: 100, perChatPerSecond: 100, perGroupPerMinute: 3, globalPerSecond: 1000 },
    });
    sb = s.sb;
    const ann = await sb.createUser({ first_name: 'Ann' });
    const g = await sb.createGroup({ admins: [ann] });
    const codes = [];
    for (let i = 0; i < 4; i++)
      codes.push((await s.bot.call('sendMessage', { chat_id: g.id, text: `${i}` })).status);
    expect(codes).toEqual([200, 200, 200, 429]);
    const a = await s.bot.call('sendMessage', { chat_id: g.id, text: 'late' });
    expect(a.body.parameters?.retry_after).toBeGreaterThanOrEqual(15);

    const limiter = new RateLimiter({
      perChatBurst: 100,
      perChatPerSecond: 100,
      perGroupPerMinute: 100,
      globalPerSecond: 2,
    });
    expect([1, 2, 3].map((chat) => limiter.take(7, chat, false))).toEqual([0, 0, 1]);
  });

  it('can be turned off', async () => {
    const s = await setup({ rateLimits: false });
    sb = s.sb;
    const ann = await sb.createUser({ first_name: 'Ann' });
    await sb.start(ann);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => s.bot.call('sendMessage', { chat_id: ann.id, text: 'x' })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
  });
});
