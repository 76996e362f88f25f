/**
 * sendMessage throughput of the Telegram sandbox with rate limits off (target ≥ 2,000 calls/s, so
 * the sandbox never limits the product's benchmarks). The sandbox runs as its own process, as it
 * does beside the bot; the load comes over keep-alive HTTP connections from this process.
 * Usage: npm run bench:sandbox [-- calls concurrency]
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';

const total = Number(process.argv[2] ?? 20_000);
const concurrency = Number(process.argv[3] ?? 32);
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

const child = spawn(
  process.execPath,
  ['--import', 'tsx', 'src/sandbox/cli.ts', '--port', '0', '--no-rate-limits'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const url = await new Promise<string>((resolve, reject) => {
  let out = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    const m = /^sandbox (http:\/\/\S+)/m.exec(out);
    if (m) resolve(m[1]!);
  });
  child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${out}`)));
});

function post<T>(path: string, body: unknown): Promise<T> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString()) as T));
    });
    req.on('error', reject);
    req.end(data);
  });
}

const token = `4242424242:${randomBytes(24).toString('base64url')}`;
await post('/sandbox/bots', { token });
const user = await post<{ id: number }>('/sandbox/users', { first_name: '测试' });
const group = await post<{ id: number }>('/sandbox/chats', {
  type: 'supergroup',
  title: '压测',
  admins: [user.id],
});
await post(`/sandbox/chats/${user.id}/messages`, { from: user.id, text: '/start' });

async function run(chatId: number, n: number): Promise<number> {
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < n) {
      next++;
      const body = await post<{ ok: boolean }>(`/bot${token}/sendMessage`, {
        chat_id: chatId,
        text: `<b>第 ${next} 条</b> 消息`,
        parse_mode: 'HTML',
        reply_markup: { inline_keyboard: [[{ text: '确认', callback_data: `ok:${next}` }]] },
      });
      if (!body.ok) failed++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  if (failed) throw new Error(`${failed} calls failed`);
  return n / seconds;
}

try {
  await run(group.id, 2_000); // warm-up
  const groupRate = await run(group.id, total);
  const privateRate = await run(user.id, total);
  console.log(
    `sandbox sendMessage, rate limits off, ${concurrency} concurrent keep-alive clients, ${total} calls per chat:`,
  );
  console.log(`  group chat:   ${Math.round(groupRate)} calls/s`);
  console.log(`  private chat: ${Math.round(privateRate)} calls/s`);
  console.log(`  target >= 2000 calls/s: ${Math.min(groupRate, privateRate) >= 2000 ? 'met' : 'NOT met'}`);
} finally {
  agent.destroy();
  child.kill('SIGTERM');
}
