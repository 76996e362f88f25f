/**
 * Screenshots of the sandbox page for the README guide (docs/guide/*.png): a secretary binds a
 * group, a member registers and writes a post standard, the masses comment, the secretary decides.
 * Everything is the real bot process against the sandbox and an embedded store in a temp dir.
 *
 *   npx tsx scripts/guide-screenshots.ts        (needs Debian's chromium)
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ensureRedis } from '../src/local-redis/index.js';
import { startEmbeddedMongo } from '../src/mongo-embedded/index.js';
import { randomToken } from '../test/support/bot-process.js';
import { SandboxClient, type SbChat, type SbUser } from '../test/support/sandbox-client.js';

const OUT = 'docs/guide';
mkdirSync(OUT, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'guide-'));
const mongo = await startEmbeddedMongo({ dbpath: join(dir, 'mongo'), port: 0 });
const redis = await ensureRedis({ url: process.env.REDIS_URL, dataDir: join(dir, 'redis') });
const sb = await SandboxClient.start();
const token = randomToken();
const bot = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'bot'], {
  env: {
    ...process.env,
    BOT_TOKEN: token,
    TELEGRAM_API_ROOT: sb.apiRoot,
    MONGODB_URI: `${mongo.uri}/guide`,
    REDIS_URL: redis.url,
    LOG_LEVEL: 'info',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise<void>((resolve) =>
  bot.stdout!.on('data', (d: Buffer) => d.includes('bot started') && resolve()),
);
const me = await sb.useBot(token);

const person = (first_name: string, username: string) =>
  sb.createUser({ first_name, username, language_code: 'zh-hans' });
const sec = await person('李书记', 'li_shuji');
const wang = await person('王芳', 'wang_fang');
const zhao = await person('赵大姐', 'zhao_dajie');
const group: SbChat = await sb.createGroup({
  title: '第一党支部',
  admins: [sec],
  members: [wang, zhao],
  botAdmin: true,
});

async function answer(user: SbUser, chat: { id: number }, replies: string[]) {
  let last = await sb.nextBotMessage(chat);
  for (const text of replies) {
    await sb.send(user, chat, chat.id < 0 ? { text, reply_to_message_id: last.message_id } : text);
    last = await sb.nextBotMessage(chat);
  }
  return last;
}

await sb.nextBotMessage(group);
await sb.send(sec, group, '/bind');
await answer(sec, group, ['第一党支部', '市政务服务中心']);
await sb.send(wang, group, '/join');
await sb.pressButton(wang, await sb.nextBotMessage(group), '📝 填写党员名片');
await answer(wang, wang, [
  '王芳',
  '综合窗口受理员',
  '一号窗口',
  '正式党员',
  '否',
  '否',
  '群众的事再小也是大事',
]);
const pending = await sb.nextBotMessage(group, { match: (m) => m.text?.includes('新的党员') ?? false });
await sb.pressButton(sec, pending, '✅ 确认');
await sb.nextBotMessage(group, { match: (m) => m.text?.startsWith('📌') ?? false });
await sb.send(wang, group, '/standard');
await sb.pressButton(
  wang,
  await sb.nextBotMessage(group, { match: (m) => !!m.reply_markup }),
  '✍️ 撰写岗位标准',
);
await answer(wang, wang, [
  '办件群众等候不超过十五分钟；一次性告知所需材料；当日事当日毕；节假日提供预约服务。',
]);
const post = await sb.nextBotMessage(group, { match: (m) => m.text?.includes('征求意见') ?? false });
await sb.pressButton(zhao, post, '💬 提意见');
await answer(zhao, zhao, ['建议在窗口公示办事指南二维码。']);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1100, height: 820 } });
page.setDefaultTimeout(15_000);
await page.goto(sb.url);
/** Shows `chat` as `who`, scrolls to the message containing `text`, and saves the screenshot. */
const shot = async (who: SbUser, chat: string, text: string, name: string) => {
  await page.selectOption('#identity', String(who.id));
  await page.waitForTimeout(700); // the chat list reloads for the new identity
  await page.locator('#chat-list li .title', { hasText: chat }).first().click();
  await page.locator('#chat-title', { hasText: chat }).waitFor();
  const msg = page.locator('.msg', { hasText: text }).last();
  await msg.waitFor();
  // The page re-renders on live updates, so scroll by script rather than waiting for a stable element.
  await msg.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${OUT}/${name}.png` });
  console.log(`${OUT}/${name}.png`);
};
try {
  await shot(sec, '第一党支部', '本群已绑定到', '1-secretary-binds-group');
  await shot(wang, me.first_name, '名片已提交', '2-member-card-dialog');
  await shot(zhao, '第一党支部', '征求意见', '3-standard-open-for-comment');
  await sb.send(sec, group, '/help');
  await sb.nextBotMessage(group);
  await shot(sec, '第一党支部', '您是 第一党支部 的支部书记', '4-secretary-help');
} finally {
  await browser.close();
  bot.kill('SIGTERM');
  await new Promise((r) => bot.once('exit', r));
  await sb.close();
  await mongo.close();
  await redis.close();
  rmSync(dir, { recursive: true, force: true });
}
