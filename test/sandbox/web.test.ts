import { mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { Bot, InlineKeyboard, InputFile } from 'grammy';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomToken } from '../support/bot-process.js';
import { SandboxClient, type SbChat, type SbUser } from '../support/sandbox-client.js';

const ARTIFACTS = '.test-artifacts';
// Debian's chromium; Playwright's own browser download does not work offline.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A valid RGB PNG of one colour, so the page has a real image to show. */
function solidPng(w: number, h: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(w * 3, Buffer.from([0xd9, 0x3a, 0x3a]))]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  const sig = Buffer.from('89504e470d0a1a0a', 'hex');
  return Buffer.concat([
    sig,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('the sandbox web page in headless Chromium', () => {
  let sb: SandboxClient;
  let bot: Bot;
  let browser: Browser;
  let page: Page;
  let zhang: SbUser;
  let li: SbUser;
  let group: SbChat;

  beforeAll(async () => {
    sb = await SandboxClient.start();
    const token = randomToken();
    bot = new Bot(token, { client: { apiRoot: sb.apiRoot } });
    bot.command('vote', (ctx) =>
      ctx.reply('<b>表决</b>：是否通过本月示范岗名单？', {
        parse_mode: 'HTML',
        reply_markup: new InlineKeyboard().text('同意', 'vote:同意').text('反对', 'vote:反对'),
      }),
    );
    bot.callbackQuery(/^vote:(.+)$/, async (ctx) => {
      await ctx.answerCallbackQuery({ text: '已记录' });
      await ctx.editMessageText(`<b>表决结果</b>：${ctx.from.first_name} 投了「${ctx.match[1]}」`, {
        parse_mode: 'HTML',
      });
    });
    bot.command('start', (ctx) => ctx.reply(`欢迎，${ctx.from?.first_name}！`));
    bot.command('name', (ctx) =>
      ctx.reply('请输入您的岗位名称', {
        reply_parameters: { message_id: ctx.msg.message_id },
        reply_markup: { force_reply: true, selective: true },
      }),
    );
    bot.on('message:text', async (ctx) => {
      if (ctx.msg.reply_to_message?.text === '请输入您的岗位名称') await ctx.reply(`收到：${ctx.msg.text}`);
    });
    await bot.api.setMyCommands([
      { command: 'vote', description: '发起表决' },
      { command: 'help', description: '帮助' },
    ]);
    await bot.init();
    void bot.start();
    await sb.useBot(token);
    zhang = await sb.createUser({ first_name: '张三', username: 'zhang_san', language_code: 'zh-hans' });
    li = await sb.createUser({ first_name: '李四', language_code: 'zh-hans' });
    group = await sb.createGroup({ title: '第一党支部', type: 'supergroup', admins: [zhang], members: [li] });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1200, height: 760 }, locale: 'zh-CN' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
    await sb?.close();
  });

  /** True when the element lies inside the visible part of the message list. */
  const inView = (el: Element) => {
    const box = document.querySelector('#messages')!.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    return r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
  };
  const actAs = (u: SbUser) => page.selectOption('#identity', String(u.id));
  const openGroup = () => page.locator('#chat-list li', { hasText: '第一党支部' }).click();

  it('lets two users talk to the bot in a group: command, button press, live edited reply', async () => {
    await page.goto(sb.url);
    await page.waitForSelector(`#identity option[value="${li.id}"]`, { state: 'attached' });
    await actAs(li);
    await openGroup();
    await expect.poll(() => page.locator('#chat-title').textContent()).toBe('第一党支部');

    await page.click('#commands-btn');
    const commands = page.locator('#command-list li');
    await expect.poll(() => commands.allTextContents()).toEqual(['/vote 发起表决', '/help 帮助']);
    await commands.first().click();
    expect(await page.inputValue('#text')).toBe('/vote ');
    await page.press('#text', 'Enter');

    const vote = page.locator('.msg.bot', { hasText: '是否通过本月示范岗名单' });
    await vote.waitFor();
    expect(await vote.locator('b').first().textContent()).toBe('表决');
    expect(await page.locator('.msg.mine', { hasText: '/vote' }).count()).toBe(1);

    await actAs(zhang);
    await openGroup();
    await page.locator('.kb-btn', { hasText: '同意' }).click();
    await page.locator('#toast', { hasText: '已记录' }).waitFor();
    const edited = page.locator('.msg.bot', { hasText: '张三 投了「同意」' });
    await edited.waitFor();
    expect(await edited.locator('.meta').textContent()).toMatch(/已编辑/);
    expect(await edited.locator('.kb-btn').count()).toBe(0);

    const history = await sb.messages(group);
    expect(history.some((m) => m.text === '表决结果：张三 投了「同意」' && m.edit_date)).toBe(true);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}/sandbox-web.png` });
  }, 60_000);

  it('opens a reply to a force_reply prompt for the user it asks, so the bot sees the answer', async () => {
    await actAs(li);
    await openGroup();
    await page.fill('#text', '/name');
    await page.press('#text', 'Enter');
    await page.locator('.msg.bot', { hasText: '请输入您的岗位名称' }).waitFor();
    await page.locator('#reply-bar', { hasText: '请输入您的岗位名称' }).waitFor();
    await page.fill('#text', '党员先锋岗');
    await page.press('#text', 'Enter');
    await page.locator('.msg.bot', { hasText: '收到：党员先锋岗' }).waitFor();
    expect(await page.locator('#reply-bar').isHidden()).toBe(true);
  }, 60_000);

  it('shows documents, photos, the pinned bar and deletions sent by the bot, live', async () => {
    const fd = new FormData();
    fd.set('chat_id', String(group.id));
    fd.set('document', new Blob(['名单\n张三\n李四\n']), '名单.txt');
    await fetch(`${sb.url}/bot${bot.token}/sendDocument`, { method: 'POST', body: fd });
    await page.locator('.document', { hasText: '名单.txt' }).waitFor();
    await bot.api.sendPhoto(group.id, new InputFile(solidPng(160, 90), 'banner.png'), {
      caption: '支部活动照片',
    });
    const img = page.locator('.msg img.photo');
    await img.waitFor();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(160);
    const doomed = await bot.api.sendMessage(group.id, '这条消息将被删除');
    await page.locator('.msg', { hasText: '这条消息将被删除' }).waitFor();
    await bot.api.deleteMessage(group.id, doomed.message_id);
    await expect.poll(() => page.locator('.msg', { hasText: '这条消息将被删除' }).count()).toBe(0);
    const pinned = await bot.api.sendMessage(group.id, '本周例会：周五 15:00');
    await sb.member(group, bot.botInfo.id, 'promote', zhang);
    await bot.api.pinChatMessage(group.id, pinned.message_id);
    await page.locator('#pinned', { hasText: '本周例会' }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/sandbox-web-media.png` });
  }, 60_000);

  it('starts the bot in a private chat with the START button', async () => {
    await actAs(li);
    await page
      .locator('#chat-list li')
      .filter({ has: page.locator('.badge') })
      .click();
    await page.locator('#start-btn').click();
    await page.locator('.msg.bot', { hasText: '欢迎，李四！' }).waitFor();
    await expect.poll(() => page.locator('#start-bar').isHidden()).toBe(true);
    await page.fill('#text', '我的照片');
    await page.setInputFiles('#file', { name: 'me.png', mimeType: 'image/png', buffer: solidPng(60, 40) });
    const mine = page.locator('.msg.mine', { hasText: '我的照片' });
    await mine.locator('img.photo').waitFor();
    await expect
      .poll(() => mine.locator('img.photo').evaluate((el: HTMLImageElement) => el.naturalHeight))
      .toBe(40);
    await page.screenshot({ path: `${ARTIFACTS}/sandbox-web-private.png` });
  }, 60_000);

  it('keeps line breaks typed with Shift+Enter, replies by the visible reply control, and follows the newest message', async () => {
    await actAs(li);
    await openGroup();
    // Shift+Enter is a new line in the composer; Enter sends the whole text.
    await page.click('#text');
    await page.keyboard.type('第一行');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('第二行');
    expect(await page.inputValue('#text')).toBe('第一行\n第二行');
    await page.keyboard.press('Enter');
    await page.locator('.msg.mine', { hasText: '第二行' }).waitFor();
    await expect
      .poll(async () => (await sb.messages(group)).some((m) => m.text === '第一行\n第二行'))
      .toBe(true);
    expect(await page.inputValue('#text')).toBe('');

    // The reply control is on every bubble and clickable without hovering first.
    const target = await bot.api.sendMessage(group.id, '请回复这条消息');
    const bubble = page.locator('.msg.bot', { hasText: '请回复这条消息' });
    await bubble.waitFor();
    await bubble.locator('.reply-btn').click({ timeout: 5_000 });
    await page.locator('#reply-bar', { hasText: '请回复这条消息' }).waitFor();
    await page.fill('#text', '这是回复');
    await page.press('#text', 'Enter');
    await expect
      .poll(
        async () =>
          (await sb.messages(group)).find((m) => m.text === '这是回复')?.reply_to_message?.message_id,
      )
      .toBe(target.message_id);

    // Scrolled up to read older messages: a new message still brings the newest into view.
    for (let i = 0; i < 25; i++) await bot.api.sendMessage(group.id, `旧消息 ${i}`);
    await page.locator('.msg', { hasText: '旧消息 24' }).waitFor();
    await page.locator('#messages').evaluate((el) => (el.scrollTop = 0));
    await bot.api.sendMessage(group.id, '最新的一条');
    const newest = page.locator('.msg', { hasText: '最新的一条' });
    await newest.waitFor();
    await expect.poll(() => newest.evaluate(inView)).toBe(true);
  }, 60_000);

  it('shows emoji in colour (the set-up installs an emoji font), not as empty boxes', async () => {
    // Drawn on a canvas with the page's own font stack: a colour emoji font paints coloured
    // pixels; a missing glyph is a black or grey box.
    const coloured = await page.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = c.height = 40;
      const g = c.getContext('2d')!;
      g.font = `32px ${getComputedStyle(document.documentElement).fontFamily}`;
      g.textBaseline = 'top';
      g.fillText('✅', 2, 2);
      const px = g.getImageData(0, 0, 40, 40).data;
      let n = 0;
      for (let i = 0; i < px.length; i += 4) {
        const [r, gr, b, a] = [px[i]!, px[i + 1]!, px[i + 2]!, px[i + 3]!];
        if (a > 0 && Math.max(r, gr, b) - Math.min(r, gr, b) > 60) n++;
      }
      return n;
    });
    expect(coloured).toBeGreaterThan(50);
  }, 30_000);

  it('adds a user and makes them an admin from the page', async () => {
    await page.click('#add-user-btn');
    await page.fill('#user-form input[name=first_name]', '王五');
    await page.click('#user-form button[value=ok]');
    await expect
      .poll(async () => (await page.locator('#identity option:checked').textContent()) ?? '')
      .toMatch(/王五/);
    const wang = (await sb.call<SbUser[]>('GET', '/users')).find((u) => u.first_name === '王五')!;
    await actAs(zhang);
    await openGroup();
    await page.click('#members-btn');
    await page.selectOption('#add-member-user', String(wang.id));
    await page.click('#add-member-btn');
    await page.locator('#member-list li', { hasText: '王五' }).locator('button[data-act=promote]').click();
    await page
      .locator('#member-list li', { hasText: '王五' })
      .locator('small', { hasText: '管理员' })
      .waitFor();
    expect(await bot.api.getChatMember(group.id, wang.id)).toMatchObject({ status: 'administrator' });
    await page.locator('.service', { hasText: '张三 邀请了 王五' }).waitFor();
    await page.locator('#toast').waitFor({ state: 'hidden', timeout: 10_000 });
    await page.screenshot({ path: `${ARTIFACTS}/sandbox-web-members.png` });
  }, 60_000);
});
