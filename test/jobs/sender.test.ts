import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendKeys } from '../../jobs/processors/send.js';
import { senderHarness } from './harness.js';

let h: Awaited<ReturnType<typeof senderHarness>> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

type Call = {
  kind: string;
  method?: string;
  params?: { chat_id?: number; text?: string };
  response?: { ok?: boolean; error_code?: number };
};
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

  it('posts the fallback in the group when the member cannot be written to, and only then', async () => {
    h = await senderHarness();
    const sec = await h.sb.createUser({ first_name: '书记' });
    const carol = await h.sb.createUser({ first_name: '王五' });
    const dan = await h.sb.createUser({ first_name: '钱八' });
    const group = await h.sb.createGroup({ title: '第二支部', admins: [sec], members: [carol, dan] });
    await h.sb.start(dan);
    h.startSender();
    const fallback = (name: string) => ({ chatId: group.id, text: `@${name}：结果` });
    await h.outbox.send({
      key: 't:outcome:carol',
      chatId: carol.id,
      text: '结果',
      fallback: fallback('王五'),
    });
    await h.outbox.send({ key: 't:outcome:dan', chatId: dan.id, text: '结果', fallback: fallback('钱八') });
    await h.drained();
    const inGroup = (await h.sb.messages(group)).filter((m) => m.from?.is_bot).map((m) => m.text);
    expect(inGroup).toEqual(['@王五：结果']);
    expect((await h.sb.messages(dan)).filter((m) => m.from?.is_bot).map((m) => m.text)).toEqual(['结果']);
    const done = await h.queue.getCompleted();
    expect(done.map((j) => `${j.data.key}=${String(j.returnvalue)}`).sort()).toEqual([
      't:outcome:carol:fallback=sent',
      't:outcome:carol=fell-back',
      't:outcome:dan=sent',
    ]);
  });

  it('a group upgraded to a supergroup gets its queued messages there, in order, once', async () => {
    h = await senderHarness();
    const sec = await h.sb.createUser({ first_name: '书记' });
    const group = await h.sb.createGroup({ title: '第三支部', admins: [sec] });
    const asked = await h.sb.send(sec, group, '在吗');
    const supergroup = await h.sb.migrate(group);
    expect(supergroup.id).not.toBe(group.id);
    // Queued for the old group (the bot had not heard of the upgrade yet), one replying there.
    await h.outbox.send({ key: 't:up:1', chatId: group.id, text: '第一条', replyTo: asked.message_id });
    await h.outbox.send({ key: 't:up:2', chatId: group.id, text: '第二条', html: true });
    h.startSender();
    await h.drained();
    const moved = (await h.sb.messages(supergroup)).filter((m) => m.from?.is_bot);
    expect(moved.map((m) => m.text)).toEqual(['第一条', '第二条']);
    expect(moved[0]!.reply_to_message).toBeUndefined();
    expect((await h.sb.messages(group)).filter((m) => m.from?.is_bot && m.text)).toEqual([]);
    const done = await h.queue.getCompleted();
    expect(done.map((j) => `${j.data.key}=${String(j.returnvalue)}`).sort()).toEqual([
      `t:up:1:to:${supergroup.id}=sent`,
      't:up:1=moved',
      `t:up:2:to:${supergroup.id}=sent`,
      't:up:2=moved',
    ]);
    // Queued again under its first key: refused, it was dealt with.
    expect(await h.outbox.send({ key: 't:up:1', chatId: group.id, text: '第一条' })).toBe(false);
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

  it('a 429 in one chat holds that chat alone: other chats go first, each chat in order and once', async () => {
    // One message per 5 s into a chat: A's second message, a second after its first, is refused
    // with a retry_after of about 4 s.
    h = await senderHarness({ rateLimits: { perChatPerSecond: 0.2, perChatBurst: 1 } });
    const x = h;
    const a = await h.sb.createUser({ first_name: '甲' });
    const others = [await h.sb.createUser({ first_name: '乙' }), await h.sb.createUser({ first_name: '丙' })];
    others.push(await h.sb.createUser({ first_name: '丁' }));
    for (const u of [a, ...others]) await h.sb.start(u);
    h.startSender();
    for (let i = 1; i <= 3; i++) await h.outbox.send({ key: `t:a:${i}`, chatId: a.id, text: `甲${i}` });
    const refusedInA = async () =>
      (await sendCalls(x)).some((c) => c.params?.chat_id === a.id && c.response?.error_code === 429);
    await expect.poll(refusedInA, { timeout: 20_000, interval: 50 }).toBe(true);
    // Queued once A is held: each goes out at once, A's second waits out its retry_after alone.
    for (const u of others)
      await h.outbox.send({ key: `t:other:${u.id}`, chatId: u.id, text: `给${u.first_name}` });
    await h.drained(60_000);
    const taken = (await sendCalls(h)).filter((c) => c.response?.ok === true).map((c) => c.params?.text);
    for (const u of others) {
      expect(taken).toContain(`给${u.first_name}`);
      expect(taken.indexOf(`给${u.first_name}`), u.first_name).toBeLessThan(taken.indexOf('甲2'));
    }
    expect(taken.filter((t) => t?.startsWith('甲'))).toEqual(['甲1', '甲2', '甲3']);
    const inA = (await h.sb.messages(a)).filter((m) => m.from?.is_bot).map((m) => m.text);
    expect(inA).toEqual(['甲1', '甲2', '甲3']);
    for (const u of others) {
      const got = (await h.sb.messages(u)).filter((m) => m.from?.is_bot).map((m) => m.text);
      expect(got).toEqual([`给${u.first_name}`]);
    }
    expect(await h.queue.getFailed()).toEqual([]);
    const done = (await h.queue.getCompleted()).map((j) => j.returnvalue);
    expect(done).toEqual(Array(6).fill('sent'));
  }, 90_000);

  it('does not send again a message whose earlier attempt died after its request left', async () => {
    h = await senderHarness({ rateLimits: false });
    const erin = await h.sb.createUser({ first_name: '孙七' });
    await h.sb.start(erin);
    await h.connection.set(sendKeys(h.prefix, 't:crashed').wire, 'old-attempt');
    h.startSender();
    await h.outbox.send({ key: 't:crashed', chatId: erin.id, text: '崩溃前可能已发出' });
    await h.outbox.send({ key: 't:fresh', chatId: erin.id, text: '新消息' });
    await h.drained();
    const got = (await h.sb.messages(erin)).filter((m) => m.from?.is_bot).map((m) => m.text);
    expect(got).toEqual(['新消息']);
    expect((await h.queue.getCompleted()).map((j) => j.returnvalue).sort()).toEqual(['in-doubt', 'sent']);
  });

  it('a post to keep: sent with the text read at send time, its real id kept; not wanted, not sent; in doubt, no id kept', async () => {
    h = await senderHarness({ rateLimits: false });
    const sec = await h.sb.createUser({ first_name: '书记' });
    const group = await h.sb.createGroup({ title: '第三支部', admins: [sec], members: [] });
    const kept: [string, number, string | undefined][] = [];
    h.startSender(undefined, undefined, {
      // As the worker's roster board: the newest text from the store, or null when no longer wanted.
      prepare: async (m) => (m.key === 't:board:stale' ? null : { ...m, text: `${m.text ?? ''}（最新）` }),
      onSent: async (ref, id, m) => void kept.push([ref.id, id, m.text]),
    });
    const keep = (id: string) => ({ kind: 'roster-board' as const, id, gen: 0 });
    await h.connection.set(sendKeys(h.prefix, 't:board:doubt').wire, 'old-attempt');
    await h.outbox.send({ key: 't:board:doubt', chatId: group.id, text: '榜', keep: keep('doubt') });
    await h.outbox.send({ key: 't:board:stale', chatId: group.id, text: '榜', keep: keep('stale') });
    await h.outbox.send({ key: 't:board:fresh', chatId: group.id, text: '榜', keep: keep('fresh') });
    await h.drained();
    const posted = (await h.sb.messages(group)).filter((m) => m.from?.is_bot);
    expect(posted.map((m) => m.text)).toEqual(['榜（最新）']);
    expect(kept).toEqual([['fresh', posted[0]!.message_id, '榜（最新）']]);
    const done = await h.queue.getCompleted();
    expect(done.map((j) => `${j.data.key}=${String(j.returnvalue)}`).sort()).toEqual([
      't:board:doubt=in-doubt',
      't:board:fresh=sent',
      't:board:stale=dropped',
    ]);
    expect(await h.outbox.send({ key: 't:board:stale', chatId: group.id, text: '榜' })).toBe(false);
  });
});

/** A port free right now on 127.0.0.1. */
async function freePort() {
  const probe = http.createServer();
  await new Promise<void>((ok) => probe.listen(0, '127.0.0.1', ok));
  const { port } = probe.address() as AddressInfo;
  await new Promise((ok) => probe.close(ok));
  return port;
}

/**
 * A Bot API proxy in front of the sandbox. `inspect` sees each request before it is forwarded and
 * may drop its answer: the request reaches the sandbox, the connection then closes without one.
 */
async function apiProxy(
  apiRoot: string,
  opts: { port?: number; inspect?: (path: string, body: Buffer) => Promise<'drop-answer' | undefined> } = {},
) {
  let forwarded = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const verdict = await opts.inspect?.(req.url ?? '', body);
        const answer = await fetch(`${apiRoot}${req.url}`, {
          method: req.method ?? 'POST',
          headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
          body,
        });
        forwarded++;
        if (verdict === 'drop-answer') return req.socket.destroy();
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(Buffer.from(await answer.arrayBuffer()));
      })();
    });
  });
  await new Promise<void>((ok) => server.listen(opts.port ?? 0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    forwarded: () => forwarded,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

describe('the sender after a crash: sent again exactly when its request never left', () => {
  it('sends a message whose earlier attempt died holding the claim before its request left', async () => {
    h = await senderHarness({ rateLimits: false });
    const fay = await h.sb.createUser({ first_name: '周八' });
    await h.sb.start(fay);
    const keys = sendKeys(h.prefix, 't:claimed');
    await h.connection.set(keys.claim, 'dead-attempt', 'PX', 1_500);
    h.startSender();
    await h.outbox.send({ key: 't:claimed', chatId: fay.id, text: '请求未发出' });
    await h.drained();
    const got = (await h.sb.messages(fay)).filter((m) => m.from?.is_bot).map((m) => m.text);
    expect(got).toEqual(['请求未发出']);
    expect((await h.queue.getCompleted()).map((j) => j.returnvalue)).toEqual(['sent']);
    expect(await h.connection.exists(keys.claim, keys.wire)).toBe(0);
  });

  it('has the wire marker in Redis before each request reaches the Bot API, and counts a lost answer as sent', async () => {
    h = await senderHarness({ rateLimits: false });
    const gus = await h.sb.createUser({ first_name: '吴九' });
    await h.sb.start(gus);
    const x = h;
    // On each sendMessage the proxy looks up the message's wire marker before forwarding; for one
    // message it forwards, then drops the connection without an answer.
    const markerSeen = new Map<string, string | null>();
    const proxy = await apiProxy(h.sb.apiRoot, {
      async inspect(path, body) {
        if (!path.endsWith('/sendMessage')) return undefined;
        const { text } = JSON.parse(body.toString('utf8')) as { text: string };
        // The marker went to Redis's socket before this request was written, but on another
        // connection, and Redis runs connections ready at the same moment in any order. One round
        // trip first: Redis answers it only after a pass over every connection ready then.
        await x.connection.ping();
        markerSeen.set(text, await x.connection.get(sendKeys(x.prefix, `t:w:${text}`).wire));
        return text === 'm3' ? 'drop-answer' : undefined;
      },
    });
    try {
      h.startSender(undefined, proxy.url);
      for (let i = 1; i <= 6; i++) await h.outbox.send({ key: `t:w:m${i}`, chatId: gus.id, text: `m${i}` });
      await h.drained();
    } finally {
      await proxy.close();
    }
    expect([...markerSeen.keys()].sort()).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    for (const [text, marker] of markerSeen) expect(marker, text).toMatch(/^[0-9a-f-]{36}$/);
    // m3 reached the sandbox but its answer was lost: delivered once, not sent again.
    expect(proxy.forwarded()).toBe(6);
    const got = (await h.sb.messages(gus)).filter((m) => m.from?.is_bot).map((m) => m.text);
    expect(got).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    const results = (await h.queue.getCompleted()).map((j) => [j.data.text, j.returnvalue]);
    expect(results.filter(([, r]) => r !== 'sent')).toEqual([['m3', 'in-doubt']]);
    // Settled: neither claim nor marker outlives its message.
    for (let i = 1; i <= 6; i++) {
      const k = sendKeys(h.prefix, `t:w:m${i}`);
      expect(await h.connection.exists(k.claim, k.wire), `m${i}`).toBe(0);
    }
  });

  it('sends again a message whose request never left (Bot API unreachable at first)', async () => {
    h = await senderHarness({ rateLimits: false });
    const hal = await h.sb.createUser({ first_name: '郑十' });
    await h.sb.start(hal);
    // A port nobody listens on yet; the sandbox's own address comes up behind it after a while.
    const port = await freePort();
    h.startSender(undefined, `http://127.0.0.1:${port}`);
    await h.outbox.send({ key: 't:unreachable', chatId: hal.id, text: '稍后送达' });
    await new Promise((ok) => setTimeout(ok, 500));
    const proxy = await apiProxy(h.sb.apiRoot, { port });
    try {
      await h.drained(30_000);
    } finally {
      await proxy.close();
    }
    const got = (await h.sb.messages(hal)).filter((m) => m.from?.is_bot).map((m) => m.text);
    expect(got).toEqual(['稍后送达']);
    const [job] = await h.queue.getCompleted();
    expect(job?.returnvalue).toBe('sent');
    expect(job?.attemptsMade).toBeGreaterThan(0);
  });
});
