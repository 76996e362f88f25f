import { afterEach, describe, expect, it } from 'vitest';
import { sentKey } from '../../jobs/outbox.js';
import { senderHarness } from './harness.js';

let h: Awaited<ReturnType<typeof senderHarness>> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

type Call = { kind: string; method?: string; response?: { ok?: boolean; error_code?: number } };
async function sendCalls(x: NonNullable<typeof h>) {
  return ((await x.sb.transcript()) as Call[]).filter((e) => e.kind === 'call' && e.method === 'sendMessage');
}

describe('the sender queue', () => {
  it('sends each keyed message once with two workers at once, in order per chat, without a 429', async () => {
    h = await senderHarness();
    const alice = await h.sb.createUser({ first_name: '张三' });
    const bob = await h.sb.createUser({ first_name: '李四' });
    const group = await h.sb.createGroup({ title: '第一支部', admins: [alice], members: [bob] });
    await h.sb.start(alice);
    h.startSender();
    h.startSender();
    const queued: boolean[] = [];
    for (let round = 0; round < 2; round++) {
      for (let i = 1; i <= 4; i++)
        queued.push(await h.outbox.send({ key: `t:group:${i}`, chatId: group.id, text: `群消息 ${i}` }));
      for (let i = 1; i <= 3; i++)
        queued.push(await h.outbox.send({ key: `t:dm:${i}`, chatId: alice.id, text: `私信 ${i}` }));
    }
    await h.drained();
    const inGroup = (await h.sb.messages(group)).filter((m) => m.from?.is_bot).map((m) => m.text);
    expect(inGroup).toEqual(['群消息 1', '群消息 2', '群消息 3', '群消息 4']);
    const dms = (await h.sb.messages(alice)).filter((m) => m.from?.is_bot).map((m) => m.text);
    expect(dms).toEqual(['私信 1', '私信 2', '私信 3']);
    // Queued again after they were sent: refused at once by the sent-marker.
    expect(await h.outbox.send({ key: 't:group:1', chatId: group.id, text: '群消息 1' })).toBe(false);
    const failed = await h.queue.getFailed();
    expect(failed).toEqual([]);
    const calls = await sendCalls(h);
    expect(calls).toHaveLength(7);
    expect(calls.filter((c) => c.response?.ok !== true)).toEqual([]);
    expect(queued.filter(Boolean).length).toBeGreaterThanOrEqual(7);
  });

  it('gives up on a user who never started the bot without retrying', async () => {
    h = await senderHarness();
    const carol = await h.sb.createUser({ first_name: '王五' });
    h.startSender();
    await h.outbox.send({ key: 't:never', chatId: carol.id, text: '你好' });
    await h.drained();
    const done = await h.queue.getCompleted();
    expect(done.map((j) => j.returnvalue)).toEqual(['undeliverable']);
  });

  it('honours 429 retry_after: a stricter chat limit than ours still ends with each message once', async () => {
    h = await senderHarness({ rateLimits: { perChatPerSecond: 0.5, perChatBurst: 1 } });
    const dave = await h.sb.createUser({ first_name: '赵六' });
    await h.sb.start(dave);
    h.startSender();
    for (let i = 1; i <= 3; i++)
      await h.outbox.send({ key: `t:strict:${i}`, chatId: dave.id, text: `第${i}条` });
    await h.drained(30_000);
    const got = (await h.sb.messages(dave)).filter((m) => m.from?.is_bot).map((m) => m.text);
    expect(got).toEqual(['第1条', '第2条', '第3条']);
    const calls = await sendCalls(h);
    expect(calls.some((c) => c.response?.error_code === 429)).toBe(true);
    expect(calls.filter((c) => c.response?.ok === true)).toHaveLength(3);
  });

  it('does not send again a message whose earlier attempt died mid-request (at most once after a crash)', async () => {
    h = await senderHarness({ rateLimits: false });
    const erin = await h.sb.createUser({ first_name: '孙七' });
    await h.sb.start(erin);
    await h.connection.set(`${sentKey(h.prefix, 't:crashed')}:sending`, 'old-job');
    h.startSender();
    await h.outbox.send({ key: 't:crashed', chatId: erin.id, text: '崩溃前可能已发出' });
    await h.outbox.send({ key: 't:fresh', chatId: erin.id, text: '新消息' });
    await h.drained();
    const got = (await h.sb.messages(erin)).filter((m) => m.from?.is_bot).map((m) => m.text);
    expect(got).toEqual(['新消息']);
    expect((await h.queue.getCompleted()).map((j) => j.returnvalue).sort()).toEqual(['in-doubt', 'sent']);
  });
});
