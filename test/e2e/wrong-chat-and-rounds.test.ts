import { describe, expect, it } from 'vitest';
import { localDate } from '../../src/domain/dates.js';
import { addMonths } from '../../src/domain/calendar.js';
import { monthLabel } from '../../src/domain/locale-format.js';
import type { SbUser } from '../support/sandbox-client.js';
import { rosterCard, seedBranch, seedMember } from '../support/seed.js';
import { buttonsOf, type World, useWorld } from './world.js';

let w: World;
useWorld((world) => (w = world));

async function say(user: SbUser, text: string, match: RegExp) {
  await w.sb.send(user, user, text);
  return w.sb.nextBotMessage(user, { match, timeoutMs: 15_000 });
}

describe('commands in the wrong chat, and round messages naming the month and the real state', () => {
  it('answers private-only commands in the group with where to use them and a button to the private chat', async () => {
    const sec = await w.person('书记');
    const mass = await w.person('群众甲');
    const group = await w.sb.createGroup({ title: '第二党支部', admins: [sec], members: [mass] });
    await seedBranch(w.models, group.id, sec.id);
    for (const command of ['rate', 'object', 'orgrate', 'comment']) {
      await w.sb.send(mass, group, `/${command}`);
      const reply = await w.sb.nextBotMessage(group, {
        match: new RegExp(`请在与我的私聊中发送 /${command}`),
        timeoutMs: 15_000,
      });
      expect(buttonsOf(reply)).toEqual([
        expect.objectContaining({ text: '💬 打开与我的私聊', url: `https://t.me/${w.me.username}` }),
      ]);
    }
    // Addressed to this bot by name: the same answer.
    await w.sb.send(mass, group, `/rate@${w.me.username}`);
    await w.sb.nextBotMessage(group, { match: /请在与我的私聊中发送 \/rate/, timeoutMs: 15_000 });
  });

  it("names the month and the round's real state: none yet, open until, closed early and not reopenable", async () => {
    const sec = await w.person('书记乙');
    const zhang = await w.person('张三');
    const group = await w.sb.createGroup({ title: '第三党支部', admins: [sec], members: [zhang] });
    for (const u of [sec, zhang]) {
      await w.sb.start(u);
      await w.sb.nextBotMessage(u);
    }
    const branch = await seedBranch(w.models, group.id, sec.id);
    await seedMember(w.models, branch._id, zhang.id, rosterCard(zhang, 0));
    const month = localDate(new Date(), 'Asia/Shanghai').slice(0, 7);
    const label = monthLabel(month, 'zh');
    const next = monthLabel(addMonths(month, 1), 'zh');

    await say(zhang, '/rate', new RegExp(`^现在没有开放的考评。\\n${label} 的考评将于 .+ 09:00 开放。$`));
    await w.sb.send(sec, group, '/closeround');
    await w.sb.nextBotMessage(group, { match: new RegExp(`现在没有开放的考评。\\n${label} 的考评将于`) });

    await w.sb.send(sec, group, '/openround');
    await expect.poll(() => w.models.RatingRound.countDocuments({ branchId: branch._id })).toBe(1);
    await w.sb.send(sec, group, '/openround');
    await w.sb.nextBotMessage(group, {
      match: new RegExp(`^${label} 的考评正在进行，将于 .+ 09:00 结束。$`),
    });

    await w.sb.send(sec, group, '/closeround');
    // Weeks before the scheduled close: the secretary confirms the early close first.
    const ask = await w.sb.nextBotMessage(group, { match: /现在提前结束吗/ });
    await w.sb.pressButton(sec, ask, /确认提前结束/);
    await expect
      .poll(() =>
        w.models.RatingRound.findOne({ branchId: branch._id })
          .lean()
          .then((r) => r?.status),
      )
      .toBe('provisional');
    await w.sb.send(sec, group, '/openround');
    const again = await w.sb.nextBotMessage(group, { match: /不能再次开放/ });
    expect(again.text).toMatch(
      new RegExp(
        `^${label} 的考评已经结束，不能再次开放。\\n${label} 的考评已结束，结果暂定，正在公示，异议截止 .+。\\n${next} 的考评将于 .+ 09:00 开放。$`,
      ),
    );
    expect(again.text).not.toMatch(/已经开放/);
    await say(zhang, '/rate', new RegExp(`^现在没有开放的考评。\\n${label} 的考评已结束，结果暂定`));
  });
});
