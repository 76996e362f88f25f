import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SbChat, SbUser } from '../support/sandbox-client.js';
import { seedMember } from '../support/seed.js';
import { answer, startWorld, type World } from './world.js';

/**
 * The committee level through the real bot: a committee group, two general branches, four branches
 * bound through the bot; invites confirmed by each branch's secretary; /branches; refusals for a
 * branch secretary asking committee commands, a member of another committee's tree, and a branch
 * reading a sibling's records.
 */
let w: World;
const u = {} as Record<'csec' | 'cmem' | 'gsec1' | 'gsec2' | 's1' | 's2' | 's3' | 's4' | 'osec', SbUser>;
let cgroup: SbChat;
let ogroup: SbChat;
const g: SbChat[] = [];
const bgroups: SbChat[] = [];

async function reply(who: SbUser, chat: SbChat | SbUser, text: string, match?: RegExp): Promise<string> {
  await w.sb.send(who, chat, text);
  return (
    (await w.sb.nextBotMessage(chat, match ? { match, timeoutMs: 15_000 } : { timeoutMs: 15_000 })).text ?? ''
  );
}

async function bindCommittee(sec: SbUser, chat: SbChat, kind: string, name: string) {
  await w.sb.nextBotMessage(chat);
  await w.sb.send(sec, chat, '/bindcommittee');
  return (await answer(w, sec, chat, [kind, name, '机关'])).text ?? '';
}

async function invite(sec: SbUser, chat: SbChat): Promise<string> {
  const text = await reply(sec, chat, '/invite', /邀请码/);
  return /\/joincommittee ([A-Z2-9]{8})/.exec(text)![1]!;
}

beforeAll(async () => {
  w = await startWorld();
  for (const k of Object.keys({
    csec: 0,
    cmem: 0,
    gsec1: 0,
    gsec2: 0,
    s1: 0,
    s2: 0,
    s3: 0,
    s4: 0,
    osec: 0,
  }) as (keyof typeof u)[])
    u[k] = await w.person(`U-${k}`, `u_${k}`);
  cgroup = await w.sb.createGroup({
    title: '机关党委',
    admins: [u.csec, u.cmem],
    members: [u.s1],
    botAdmin: true,
  });
  ogroup = await w.sb.createGroup({ title: '另一党委', admins: [u.osec], members: [], botAdmin: true });
  for (const [i, sec] of [u.gsec1, u.gsec2].entries())
    g.push(await w.sb.createGroup({ title: `总支${i + 1}`, admins: [sec], members: [], botAdmin: true }));
  for (const [i, sec] of [u.s1, u.s2, u.s3, u.s4].entries())
    bgroups.push(
      await w.sb.createGroup({ title: `支部${i + 1}`, admins: [sec], members: [u.osec], botAdmin: true }),
    );
}, 90_000);
afterAll(() => w?.close());

describe('the committee tree through the bot', () => {
  it('binds, invites, joins with the branch secretary confirming, lists, and refuses outsiders', async () => {
    expect(await bindCommittee(u.csec, cgroup, '党委', '机关党委')).toMatch(/本群已绑定为党委“机关党委”/);
    expect(await bindCommittee(u.osec, ogroup, '党委', '另一党委')).toMatch(/另一党委/);
    for (const [i, sec] of [u.gsec1, u.gsec2].entries())
      expect(await bindCommittee(sec, g[i]!, '党总支', `第${i + 1}党总支`)).toMatch(/党总支/);
    for (const [i, sec] of [u.s1, u.s2, u.s3, u.s4].entries()) {
      await w.sb.nextBotMessage(bgroups[i]!);
      await w.sb.send(sec, bgroups[i]!, '/bind');
      await answer(w, sec, bgroups[i]!, [`第${i + 1}支部`, '政务中心']);
    }
    // Committee members: appointed in the committee's group.
    await w.sb.send(u.cmem, cgroup, '大家好');
    expect(await reply(u.csec, cgroup, '/appoint @u_cmem')).toBe('U-cmem 已任命为委员。');
    expect(await reply(u.cmem, cgroup, '/invite')).toBe('只有党委（党总支）书记可以这样做。');

    // Two general branches join the committee; two branches under each general branch.
    for (const [i, sec] of [u.gsec1, u.gsec2].entries())
      expect(await reply(sec, g[i]!, `/joincommittee ${await invite(u.csec, cgroup)}`)).toMatch(
        /已加入“机关党委”/,
      );
    for (const [i, sec] of [u.s1, u.s2, u.s3, u.s4].entries()) {
      const code = await invite(i < 2 ? u.gsec1 : u.gsec2, g[i < 2 ? 0 : 1]!);
      // Only the branch's secretary confirms: anyone else is refused and the code stays unspent.
      if (i === 0)
        expect(await reply(u.osec, bgroups[0]!, `/joincommittee ${code}`)).toBe('只有支部书记可以这样做。');
      expect(await reply(sec, bgroups[i]!, `/joincommittee ${code}`)).toMatch(/已加入“第[12]党总支”/);
      if (i === 0)
        expect(await reply(u.s2, bgroups[1]!, `/joincommittee ${code}`)).toMatch(
          /邀请码无效、已使用或已过期/,
        );
    }
    const branch1 = (await w.models.Branch.findOne({ chatId: bgroups[0]!.id }).lean())!;
    const branch2 = (await w.models.Branch.findOne({ chatId: bgroups[1]!.id }).lean())!;
    await seedMember(w.models, branch1._id, u.s1.id, { realName: '一号', stars: 5 });
    await seedMember(w.models, branch2._id, u.s2.id, { realName: '二号' });

    const list = await reply(u.cmem, cgroup, '/branches', /下属支部/);
    expect(list).toMatch(/机关党委 · 下属支部 4 个/);
    expect(list).toMatch(/▸ 党总支 第1党总支（2 个支部）\n\s+◦ 第1支部：党员 1 · 挂牌 1 · 五星 1/);
    expect(list).toMatch(/▸ 党总支 第2党总支（2 个支部）/);
    // In private too, for a committee member.
    await w.sb.start(u.cmem);
    await w.sb.nextBotMessage(u.cmem);
    expect(await reply(u.cmem, u.cmem, '/branches', /下属支部/)).toMatch(/第4支部/);

    // Refusals: a branch secretary asking committee commands, another tree's secretary, a sibling.
    expect(await reply(u.s1, bgroups[0]!, '/branches')).toBe('请在党委（党总支）群中使用此命令。');
    expect(await reply(u.s1, bgroups[0]!, '/invite')).toBe('请在党委（党总支）群中使用此命令。');
    expect(await reply(u.s1, cgroup, '/branches')).toBe('只有党委（党总支）书记或委员可以这样做。');
    await w.sb.start(u.s1);
    await w.sb.nextBotMessage(u.s1);
    expect(await reply(u.s1, u.s1, '/branches')).toBe('只有党委（党总支）书记或委员可以这样做。');
    const other = await reply(u.osec, ogroup, '/branches', /下属支部/);
    expect(other).toMatch(/下属支部 0 个/);
    expect(other).not.toMatch(/第1支部/);
    expect(await reply(u.s2, bgroups[1]!, '/card @u_s1')).toBe('U-s1 还没有党员名片。');
    expect(await reply(u.s1, bgroups[0]!, '/bindcommittee')).toBe(
      '本群已绑定为支部，不能再绑定为党委（党总支）。',
    );
    expect(await reply(u.csec, cgroup, '/bind')).toBe('本群已绑定为党委（党总支），不能再绑定为支部。');

    // Leaving keeps the history.
    expect(await reply(u.s4, bgroups[3]!, '/leavecommittee')).toMatch(/已退出“第2党总支”，隶属记录保留/);
    expect(await reply(u.csec, cgroup, '/branches', /下属支部/)).toMatch(/下属支部 3 个/);
    const b4 = (await w.models.Branch.findOne({ chatId: bgroups[3]!.id }).lean())!;
    expect(await w.models.Affiliation.countDocuments({ childId: b4._id, current: false })).toBe(1);
    expect(
      await w.models.Audit.countDocuments({
        action: { $in: ['tree.join', 'tree.leave', 'committee.invite'] },
      }),
    ).toBeGreaterThan(8);
  }, 240_000);
});
