import { DateTime } from 'luxon';
import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { SbUser } from '../support/sandbox-client.js';
import { rosterCard, seedMember } from '../support/seed.js';
import { bindGroup, buttonsOf, startPrivateChats, type World, useWorld } from './world.js';

let w: World;
useWorld((world) => (w = world));

/** The sandbox page as `who` sees `chat`, scrolled to the message with `text` (the README's guide). */
async function screenshot(who: SbUser, chat: string, text: string, path: string) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 820 } });
    await page.goto(w.sb.url);
    await page.selectOption('#identity', String(who.id));
    await page.waitForTimeout(700);
    await page.locator('#chat-list li .title', { hasText: chat }).first().click();
    const msg = page.locator('.msg', { hasText: text }).last();
    await msg.waitFor();
    await msg.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.waitForTimeout(300);
    await page.screenshot({ path });
  } finally {
    await browser.close();
  }
}

async function say(user: SbUser, text: string, match: RegExp) {
  await w.sb.send(user, user, text);
  return w.sb.nextBotMessage(user, { match, timeoutMs: 15_000 });
}

describe('/progress: the round at a glance, one message updated in place', () => {
  it('shows who has not rated, pledges and reviews; a later call and the refresh button edit the same message', async () => {
    const sec = await w.person('书记');
    const zhang = await w.person('张三');
    const li = await w.person('李四');
    await startPrivateChats(w, [sec, zhang, li]);
    const { g, branch } = await bindGroup(w, sec, [zhang, li], { title: '进度支部' });
    const z = await seedMember(w.models, branch._id, zhang.id, { ...rosterCard(zhang, 0), isLeading: true });
    const l = await seedMember(w.models, branch._id, li.id, rosterCard(li, 1));
    // Li's item passed its due date three days ago; Zhang's awaits review (not yet pledged).
    const today = DateTime.now().setZone('Asia/Shanghai');
    const item = (m: typeof z, status: 'approved' | 'pending', due: DateTime) =>
      w.models.PledgeItem.create({
        branchId: branch._id,
        pledgeId: new Types.ObjectId(),
        memberId: m._id,
        userId: m.userId,
        year: due.year,
        lead: 'service',
        text: '每周上门服务一次',
        dueDate: due.toISODate()!,
        status,
      });
    await item(l, 'approved', today.minus({ days: 3 }));
    await item(z, 'pending', today.plus({ days: 20 }));
    await w.sb.send(sec, g, '/openround');
    // The round's post goes out through the worker (not started here): the round is what counts.
    await expect.poll(() => w.models.RatingRound.countDocuments({ branchId: branch._id })).toBe(1);

    await w.sb.send(zhang, g, '/progress');
    await w.sb.nextBotMessage(g, { match: /只有支部书记/ });

    await w.sb.send(sec, g, '/progress');
    const post = await w.sb.nextBotMessage(g, { match: /考评进度/ });
    expect(post.text).toMatch(/^📊 第一党支部 · 考评进度（.+ 更新）\n.+的考评正在进行，将于 .+ 结束。/);
    expect(post.text).toMatch(/• 未自评（2 人）：(张三|李四)、(张三|李四)/);
    expect(post.text).toMatch(/• 群众测评不足 3 票（2 人）：/);
    expect(post.text).toMatch(/• 未组织考评（2 人）/);
    expect(post.text).toContain('• 担任领导职务的党员承诺事项不足 3 项（1 人）：张三（缺 3 项）');
    expect(post.text).toContain('• 逾期未完成的承诺事项（1 项）：李四 1 项');
    expect(post.text).toContain(
      '• 待审核：党员登记 0 · 承诺事项 1 · 完成确认 0 · 实事 0 · 意见 0 · 岗位标准 0',
    );
    expect(buttonsOf(post).map((b) => b.text)).toEqual(['🔄 刷新']);

    // Zhang rates himself; the next /progress edits the same message, nothing new is posted.
    await say(zhang, '/rate', /第 1\/4 项/);
    for (const n of ['25', '25', '25']) await say(zhang, n, /项/);
    await say(zhang, '25', /自评说明/);
    await say(zhang, '-', /自评已保存/);
    await w.sb.send(sec, g, '/progress');
    await w.sb.waitForMessage(
      g,
      (m) => m.message_id === post.message_id && /未自评（1 人）：李四/.test(m.text ?? ''),
    );
    await new Promise((r) => setTimeout(r, 1000));
    const fromBot = (await w.sb.messages(g)).filter((m) => m.from?.is_bot && /考评进度/.test(m.text ?? ''));
    expect(fromBot.map((m) => m.message_id)).toEqual([post.message_id]);

    // The refresh button edits it too and says so.
    await w.models.Member.updateOne({ userId: li.id }, { $set: { isLeading: true } });
    const press = await w.sb.press(sec, g, post.message_id, 'prog:r');
    expect((await w.sb.waitForCallbackAnswer(g, press.callback_query_id)).text).toBe('已更新。');
    const refreshed = await w.sb.waitForMessage(
      g,
      (m) => m.message_id === post.message_id && /承诺事项不足 3 项（2 人）/.test(m.text ?? ''),
    );
    expect(buttonsOf(refreshed).map((b) => b.text)).toEqual(['🔄 刷新']);
    if (process.env.PROGRESS_PNG) await screenshot(sec, '进度支部', '考评进度', process.env.PROGRESS_PNG);

    // In private: the secretary's own message there, edited in place as well.
    const mine = await say(sec, '/progress', /考评进度/);
    await w.sb.send(sec, sec, '/progress');
    await new Promise((r) => setTimeout(r, 1500));
    const inPrivate = (await w.sb.messages(sec)).filter(
      (m) => m.from?.is_bot && /考评进度/.test(m.text ?? ''),
    );
    expect(inPrivate.map((m) => m.message_id)).toEqual([mine.message_id]);

    // Deleted (here through the Bot API, as a user's "delete for both" would): posted anew, once.
    const del = await fetch(`${w.sb.apiRoot}/bot${w.bot.token}/deleteMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: sec.id, message_id: mine.message_id }),
    });
    expect(((await del.json()) as { ok: boolean }).ok).toBe(true);
    const anew = await say(sec, '/progress', /考评进度/);
    expect(anew.message_id).not.toBe(mine.message_id);
    await w.sb.send(sec, sec, '/progress');
    await new Promise((r) => setTimeout(r, 1500));
    const now = (await w.sb.messages(sec)).filter((m) => m.from?.is_bot && /考评进度/.test(m.text ?? ''));
    expect(now.map((m) => m.message_id)).toEqual([anew.message_id]);
  });
});
