/**
 * Final announcements to many groups through the sandbox with Telegram's limits on (30/s
 * overall, 20/min per group, 1/s per chat): each group gets the table text and the chart photo
 * through the one sender queue. Prints elapsed time against the minimum the limits allow
 * ((messages − the first burst of 30) / 30 s), the number of 429 answers and of duplicates. BENCH_GROUPS (default 1000);
 * the chart PNG is rendered once and reused, so the figure measures sending, not drawing.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import pino from 'pino';
import { createOutbox } from '../jobs/outbox.js';
import { startSender } from '../jobs/processors/send.js';
import { QUEUES, redisConnection } from '../jobs/queues.js';
import { renderRatingChart } from '../src/services/chart.js';
import type { OutgoingMessage } from '../src/services/notice.js';
import { startSandbox } from '../src/sandbox/index.js';

const GROUPS = Number(process.env.BENCH_GROUPS ?? 1000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const sandbox = await startSandbox({ port: 0, rateLimits: true });
const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
  const res = await fetch(`${sandbox.url}/sandbox${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return (await res.json()) as T;
};
const token = `${7_100_000_000 + (Date.now() % 1_000_000)}:${randomBytes(24).toString('base64url')}`;
const bot = await control<{ id: number }>('POST', '/bots', { token });
const member = await control<{ id: number }>('POST', '/users', { first_name: '书记' });
const groups: number[] = [];
for (let i = 0; i < GROUPS; i++)
  groups.push(
    (
      await control<{ id: number }>('POST', '/chats', {
        type: 'group',
        title: `支部${i}`,
        members: [member.id],
        bot_id: bot.id,
      })
    ).id,
  );

const prefix = `bench-${randomUUID()}`;
const conns = [redisConnection(REDIS)];
const queue = new Queue<OutgoingMessage>(QUEUES.sender, { connection: conns[0]!, prefix });
const outbox = createOutbox({ queue, redis: conns[0]!, prefix });
const png = await renderRatingChart([{ name: '张三', total: 92, passed: true }], {
  title: '2026年11月 月度考评得分',
  passScore: 80,
  passLabel: '合格线',
});
const log = pino({ level: 'silent' });
const senders: ReturnType<typeof startSender>[] = [];
for (let i = 0; i < WORKERS; i++) {
  const conn = redisConnection(REDIS);
  conns.push(conn);
  senders.push(
    startSender({
      token,
      apiRoot: sandbox.url,
      connection: conn,
      prefix,
      log,
      renderChart: async () => png,
      outbox,
    }),
  );
}

const start = Date.now();
for (const [i, chatId] of groups.entries()) {
  await outbox.send({
    key: `final:${i}:2026-11:table`,
    chatId,
    text: `🏅 2026年11月 月度考评结果（正式）\n1. 张三（窗口1）92 分 ★★★☆☆ ↑1`,
  });
  await outbox.send({
    key: `final:${i}:2026-11:chart`,
    chatId,
    chart: { branchId: String(i), month: '2026-11', locale: 'zh' },
    caption: '月度考评得分',
  });
}
for (;;) {
  const c = await queue.getJobCounts('wait', 'delayed', 'active', 'prioritized');
  if (Object.values(c).every((n) => n === 0)) break;
  await new Promise((r) => setTimeout(r, 200));
}
const secs = (Date.now() - start) / 1000;
const messages = groups.length * 2;
// The overall bucket starts full (30 at once), then refills at 30/s.
const minimum = Math.max(messages - 30, 0) / 30;
type Call = { kind: string; method?: string; response?: { ok?: boolean; error_code?: number } };
const calls = ((await control<Call[]>('GET', '/transcript')) ?? []).filter(
  (e) => e.kind === 'call' && (e.method === 'sendMessage' || e.method === 'sendPhoto'),
);
const tooMany = calls.filter((c) => c.response?.error_code === 429).length;
let duplicates = 0;
let missing = 0;
for (const id of groups) {
  const h = await control<{ messages: { from?: { is_bot?: boolean } }[] }>(
    'GET',
    `/chats/${id}/messages?bot_id=${bot.id}`,
  );
  if (!h.messages) throw new Error(`history of ${id}: ${JSON.stringify(h)}`);
  const n = h.messages.filter((m) => m.from?.is_bot).length;
  if (n > 2) duplicates += n - 2;
  if (n < 2) missing += 2 - n;
}
console.log('groups | messages | elapsed s | minimum s | ratio | 429s | duplicates | missing');
console.log(
  `${GROUPS} | ${messages} | ${secs.toFixed(1)} | ${minimum.toFixed(1)} | ${(secs / minimum).toFixed(3)} | ${tooMany} | ${duplicates} | ${missing}`,
);
console.log('target: ratio ≤ 1.05, 0 answers 429, 0 duplicates');
for (const s of senders) await s.close();
await queue.obliterate({ force: true });
await queue.close();
for (const c of conns) await c.quit();
await sandbox.close();
