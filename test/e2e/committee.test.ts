import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMonthResults, seedPledgeItems } from '../support/committee-seed.js';
import type { SbChat, SbMessage, SbUser } from '../support/sandbox-client.js';
import { seedMember } from '../support/seed.js';
import { downloadDocument, readWorkbook, rowsOf } from '../support/xlsx.js';
import { answer, startWorld, type World } from './world.js';

/**
 * The committee level through the real bot: a committee group, two general branches, four branches
 * bound through the bot; invites confirmed by each branch's secretary; /branches; refusals for a
 * branch secretary asking committee commands, a member of another committee's tree, and a branch
 * reading a sibling's records. Then a month (results stored as the rounds leave them): the worker's
 * comparison job posts the table, chart, stars and red flag in every group of the tree, the board
 * shows the flag, /redflag why explains it, /rollup and /comment reach the committee and a branch.
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

describe('a month of the tree through the bot and the worker', () => {
  const has = (re: RegExp) => (m: SbMessage) => m.from?.is_bot === true && re.test(m.text ?? m.caption ?? '');

  it('compares, awards and shows the red flag, explains it, rolls up the quarter, comments and refuses', async () => {
    // A lived month, stored as the rounds leave it: 第4支部 has left the tree and takes no part.
    const branches = await Promise.all(
      bgroups.map(async (c) => (await w.models.Branch.findOne({ chatId: c.id }).lean())!),
    );
    const [b1, b2, b3] = branches as [(typeof branches)[0], (typeof branches)[0], (typeof branches)[0]];
    const m3 = await seedMember(w.models, b3!._id, u.s3.id, { realName: '三号' });
    const [m1, m2] = await Promise.all(
      [b1, b2].map(async (b) => (await w.models.Member.findOne({ branchId: b!._id }).lean())!),
    );
    await seedMonthResults(w.models, b1!._id, '2026-11', [{ memberId: m1!._id, total: 82, passed: true }]);
    await seedMonthResults(w.models, b2!._id, '2026-11', [
      { memberId: m2!._id, total: 95, passed: true, stars: 2 },
    ]);
    await seedMonthResults(w.models, b3!._id, '2026-11', [
      { memberId: m3._id, total: 70, passed: false, self: false },
    ]);
    await seedPledgeItems(w.models, b3!._id, m3._id, '2026-11-20', 2);

    // The worker's comparison job, as the last close of the month queues it.
    const top = (await w.models.Committee.findOne({ chatId: cgroup.id }).lean())!;
    await w.schedule('committee-compare', { committeeId: String(top._id), month: '2026-11' });

    const table = await w.sb.waitForMessage(
      cgroup,
      has(/📊 机关党委 · 2026年11月 支部比较（3 个支部）/),
      30_000,
    );
    expect(table.text).toContain('1. 第2支部：平均分 95 · 合格率 100%');
    expect(table.text).toContain('3. 第3支部：平均分 70 · 合格率 0% · 人均核实实事 0 · 逾期承诺 2');
    await w.sb.waitForMessage(
      cgroup,
      (m) => m.photo !== undefined && /支部比较图/.test(m.caption ?? ''),
      30_000,
    );
    const stars = await w.sb.waitForMessage(cgroup, has(/每月之星/), 30_000);
    expect(stars.text).toContain('1. 二号（第2支部）· 95 分');
    const flag = /机关党委 将流动红旗授予“第2支部”/;
    await w.sb.waitForMessage(cgroup, has(flag), 30_000);
    for (const c of bgroups.slice(0, 3)) await w.sb.waitForMessage(c, has(flag), 30_000);
    expect((await w.sb.messages(bgroups[3]!)).filter(has(/流动红旗/))).toEqual([]);

    // On the holder's board, and explained from the stored figures.
    await w.sb.send(u.s2, bgroups[1]!, '/roster');
    await w.sb.waitForMessage(bgroups[1]!, has(/🚩 本支部持有“机关党委”流动红旗（2026年11月）/), 15_000);
    const why = await reply(u.cmem, cgroup, '/redflag why', /流动红旗 · 2026年11月/);
    expect(why).toContain('获得者：第2支部');
    expect(why).toMatch(/1\. 第2支部：指数 [\d.]+ = 平均分 95 · 参与率 100%/);
    expect(why).toContain('✅ 按保存的依据重新计算，结果一致。');
    expect(await reply(u.csec, cgroup, '/why', /流动红旗/)).toContain('获得者：第2支部');

    // The quarter rolled up: text and XLSX.
    const rollup = await reply(u.csec, cgroup, '/rollup 2026Q4', /践诺情况汇总/);
    expect(rollup).toContain('📋 机关党委 · 2026年第4季度 践诺情况汇总（3 个支部）');
    expect(rollup).toContain('第3支部：党员 1 人 · 已完成 0 · 逾期 2 · 进行中 0');
    const doc = await w.sb.waitForMessage(cgroup, (m) => m.document !== undefined, 15_000);
    expect(doc.document!.file_name).toBe('机关党委-2026Q4-践诺情况汇总.xlsx');
    const sheet = rowsOf(
      (await readWorkbook(await downloadDocument(w.sb.url, doc))).getWorksheet('支部践诺汇总')!,
    );
    expect(sheet.slice(1, -1).map((r) => r.slice(1, 6))).toContainEqual(['第3支部', 1, 0, 2, 0]);

    // Commentary: kept, and it reaches the branch's group.
    expect(await reply(u.cmem, cgroup, '/comment 2026Q4 第3支部 逾期承诺请在月底前整改。')).toBe(
      '已记入点评台账，并发送到“第3支部”群。',
    );
    const post = await w.sb.waitForMessage(
      bgroups[2]!,
      has(/📝 机关党委 对本支部的 2026年第4季度 点评/),
      30_000,
    );
    expect(post.text).toContain('逾期承诺请在月底前整改。');
    expect(await w.models.CommitteeComment.countDocuments({ committeeId: top._id })).toBe(1);
    expect(await w.models.Audit.countDocuments({ committeeId: top._id, action: 'committee.comment' })).toBe(
      1,
    );

    // Refusals: a branch secretary in the committee's group, another tree, a branch group.
    expect(await reply(u.s1, cgroup, '/redflag')).toBe('只有党委（党总支）书记或委员可以这样做。');
    expect(await reply(u.s1, cgroup, '/rollup')).toBe('只有党委（党总支）书记或委员可以这样做。');
    expect(await reply(u.s1, cgroup, '/comment 第2支部 好')).toBe('只有党委（党总支）书记或委员可以这样做。');
    expect(await reply(u.osec, ogroup, '/comment 第1支部 好')).toBe(
      '该支部不在您的党委（党总支）下属范围内。',
    );
    expect(await reply(u.osec, ogroup, '/redflag why')).toBe('还没有评出流动红旗。');
    const help = await reply(u.s1, cgroup, '/help');
    expect(help).toMatch(/^本群是党委（党总支）“机关党委”的工作群。/);
    expect(help).toContain('/rollup — 季度践诺汇总（党委）');
    expect(help).toContain('/comment [季度] 支部名称 点评内容');
    expect(await reply(u.s1, bgroups[0]!, '/rollup')).toBe('请在党委（党总支）群中使用此命令。');
    expect(await reply(u.s1, bgroups[0]!, '/redflag why')).toBe('请在党委（党总支）群中使用此命令。');
    expect(await w.models.CommitteeComment.countDocuments()).toBe(1);
  }, 240_000);
});
