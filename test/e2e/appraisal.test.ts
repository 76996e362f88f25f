import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.js';
import { ruleSetFromSettings } from '../../src/domain/rating-rules.js';
import { computeMonthResult } from '../../src/domain/rating-result.js';
import type { StarState } from '../../src/domain/stars.js';
import type { BotProcess } from '../support/bot-process.js';
import type { SbChat, SbUser } from '../support/sandbox-client.js';
import { seedMember } from '../support/seed.js';
import { downloadDocument, readWorkbook, rowsOf } from '../support/xlsx.js';
import { bindGroup, buttonsOf, startPrivateChats, startWorld, type World } from './world.js';

/** 年度民主评议 (issue 11): suggestions by the rule, a change with a reason, publication once. */
let w: World;
let worker: BotProcess;
let alice: SbUser; // secretary
let bob: SbUser; // member, a top year but the Excellent place goes to a higher average
let li: SbUser;
let ding: SbUser;
let g: SbChat;
let branchId: Types.ObjectId;

/**
 * Twelve final monthly results of 2026 for a member, computed by the real rule from real inputs:
 * self and organisation both at the month's total (so the total is that figure whatever the
 * weights), the first `fails` months at 60 (a fail), the stars following month by month.
 */
async function year(memberId: Types.ObjectId, total: number, fails = 0) {
  const rules = ruleSetFromSettings(DEFAULT_SETTINGS);
  const sheet = (t: number) => {
    const d = Math.floor(t / 4);
    const extra = t - 4 * d;
    return {
      political: d + (extra > 0 ? 1 : 0),
      performance: d + (extra > 1 ? 1 : 0),
      service: d + (extra > 2 ? 1 : 0),
      exemplary: d,
    };
  };
  let before: StarState = {
    stars: 0,
    plateOn: true,
    titleHeld: false,
    consecutiveFails: 0,
    consecutivePasses: 0,
  };
  const docs = [];
  for (let i = 0; i < 12; i++) {
    const t = i < fails ? 60 : total;
    const inputs = {
      rating: { self: sheet(t), massesBallotTotals: [], organisation: t },
      rules,
      before,
      yearEnd: i === 11,
    };
    const result = computeMonthResult(inputs);
    expect(result.computation.total).toBe(t);
    docs.push({
      branchId,
      month: `2026-${String(i + 1).padStart(2, '0')}`,
      memberId,
      roundId: branchId,
      inputs,
      ...result,
      orgSource: 'reviewer',
      status: 'final',
      computedAt: new Date(),
    });
    before = result.after;
  }
  await w.models.RatingResult.insertMany(docs);
}

beforeAll(async () => {
  w = await startWorld({ worker: false });
  // The group announcement goes through the sender queue: the real worker sends it.
  worker = await w.startWorker();
  alice = await w.person('Alice', 'alice_a');
  bob = await w.person('鲍勃', 'bob_a');
  li = await w.person('李', 'li_a');
  ding = await w.person('丁', 'ding_a');
  const wu = await w.person('戊', 'wu_a');
  const bound = await bindGroup(w, alice, [bob, li, ding, wu], { title: '评议测试群' });
  g = bound.g;
  branchId = bound.branch._id;
  await year((await seedMember(w.models, branchId, bob.id, { realName: '鲍勃' }))._id, 95);
  await year((await seedMember(w.models, branchId, li.id, { realName: '李' }))._id, 96);
  await year((await seedMember(w.models, branchId, ding.id, { realName: '丁' }))._id, 85, 4);
  await year(
    (await seedMember(w.models, branchId, wu.id, { realName: '戊', membership: 'probationary' }))._id,
    90,
  );
  await startPrivateChats(w, [alice, bob]);
}, 90_000);
afterAll(async () => {
  if (process.env.E2E_LOG && w) writeFileSync(process.env.E2E_LOG, w.bot.output());
  expect(await worker?.stop()).toBe(0);
  await w?.close();
});

describe('annual appraisal (/appraisal)', () => {
  it('only the secretary: a member asking is refused, in the group and in private', async () => {
    await w.sb.send(bob, g, '/appraisal 2026');
    expect((await w.sb.nextBotMessage(g)).text).toMatch(/只有支部书记/);
    await w.sb.send(bob, bob, '/appraisal 2026');
    expect((await w.sb.nextBotMessage(bob)).text).toMatch(/只有支部书记/);
    expect(await w.models.Appraisal.countDocuments({})).toBe(0);
  });

  it('suggests by the rule, is decided in private with a reason, and is published once in the group', async () => {
    await w.sb.send(alice, g, '/appraisal 2026');
    const summary = await w.sb.nextBotMessage(g, { match: /年度民主评议/ });
    // 3 full members: one Excellent place, kept by the higher average (李 96 over 鲍勃 95).
    expect(summary.text).toContain(
      '建议优秀 1 人、合格 1 人、基本合格 1 人、不合格 0 人，预备党员 1 人不定等次',
    );
    const link = buttonsOf(summary)[0]!.url!;
    expect(link).toMatch(/\?start=apr_[0-9a-f]{24}-2026$/);

    await w.sb.send(alice, alice, `/start ${new URL(link).searchParams.get('start')}`);
    const table = await w.sb.nextBotMessage(alice, { match: /年度民主评议/ });
    expect(table.text).toContain('李：优秀（建议：优秀；考评 12 个月全部达标，平均 96 分）');
    expect(table.text).toMatch(/鲍勃：合格（建议：合格；达到优秀条件，但优秀名额/);
    expect(table.text).toContain('丁：基本合格（建议：基本合格；不达标 4 个月）');
    expect(table.text).toContain('戊：不定等次（预备党员）');
    expect(table.text).toContain('appraisal/2026.1');
    expect(table.text).toContain('第一党支部 2026 年度民主评议');
    // No button for the probationary member; one per full member, then publish.
    expect(buttonsOf(table).map((b) => b.text)).toEqual(['改定 李', '改定 鲍勃', '改定 丁', '✅ 确认并公布']);

    await w.sb.pressButton(alice, table, '改定 鲍勃');
    const choose = await w.sb.nextBotMessage(alice, { match: /把 鲍勃 改定为/ });
    await w.sb.pressButton(alice, choose, '优秀');
    await w.sb.nextBotMessage(alice, { match: /理由/ });
    await w.sb.send(alice, alice, '全年窗口服务零差错，群众表扬 30 次');
    await w.sb.nextBotMessage(alice, { match: /已把 鲍勃 改定为「优秀」/ });
    const updated = await w.sb.nextBotMessage(alice, { match: /年度民主评议/ });
    expect(updated.text).toContain('鲍勃：优秀（建议：合格；');
    expect(updated.text).toContain('书记改定，理由：全年窗口服务零差错，群众表扬 30 次');
    const audit = await w.models.Audit.findOne({ action: 'appraisal.change' }).lean();
    expect(audit).toMatchObject({ actorId: alice.id, before: { category: 'qualified' } });

    await w.sb.pressButton(alice, updated, '✅ 确认并公布');
    await w.sb.nextBotMessage(alice, { match: /已公布/ });
    const post = await w.sb.nextBotMessage(g, { match: /年度民主评议结果/, timeoutMs: 20_000 });
    expect(post.text).toContain('优秀：鲍勃、李');
    expect(post.text).toContain('基本合格：丁');
    expect(post.text).toContain('不合格：无');
    expect(post.text).toContain('不定等次（预备党员）：戊');
    expect(await w.models.Appraisal.countDocuments({ branchId, year: 2026, status: 'published' })).toBe(4);

    // Published means final: the old buttons no longer change anything.
    const alert = async (button: string) => {
      const press = (await w.sb.pressButton(alice, table, button)) as { callback_query_id: string };
      return w.sb.waitForCallbackAnswer(alice, press.callback_query_id);
    };
    expect(await alert('改定 丁')).toMatchObject({
      text: '本年度民主评议已经公布，不能再修改。',
      show_alert: true,
    });
    await w.sb.pressButton(alice, table, '✅ 确认并公布');
    await w.sb.nextBotMessage(alice, { match: /2026 年度民主评议已经公布，不能再修改/ });
    expect(await w.models.Audit.countDocuments({ action: 'appraisal.publish' })).toBe(1);
  });

  it("the year's workbook carries the decided table (年度民主评议 sheet), typed cells from the store", async () => {
    await w.sb.send(alice, alice, '/export 2026');
    const doc = await w.sb.nextBotMessage(alice, {
      match: (m) => m.document !== undefined,
      timeoutMs: 60_000,
    });
    const rows = rowsOf(
      (await readWorkbook(await downloadDocument(w.sb.url, doc))).getWorksheet('年度民主评议')!,
    );
    expect(rows[0]).toEqual([
      '姓名',
      '党员类别',
      '考评月数',
      '不达标月数',
      '平均分',
      '年底逾期承诺',
      '建议等次',
      '评定等次',
      '改定理由',
      '状态',
      '规则版本',
    ]);
    const byName = new Map(rows.slice(1, 5).map((r) => [r[0], r]));
    expect(byName.get('鲍勃')).toEqual([
      '鲍勃',
      '正式党员',
      12,
      0,
      95,
      0,
      '合格',
      '优秀',
      '全年窗口服务零差错，群众表扬 30 次',
      '已公布',
      'appraisal/2026.1',
    ]);
    expect(byName.get('丁')?.slice(2, 8)).toEqual([12, 4, 76.67, 0, '基本合格', '基本合格']);
    expect(byName.get('戊')?.slice(1, 8)).toEqual([
      '预备党员',
      12,
      0,
      90,
      0,
      '不定等次（预备党员）',
      '不定等次（预备党员）',
    ]);
    // The totals row: the average of the averages.
    expect(rows[5]?.[4]).toBeCloseTo((95 + 96 + 76.67 + 90) / 4, 2);
  }, 90_000);

  it('the table as a PDF for the paper archive (/export 评议): names, categories, the reason, a line to sign', async () => {
    await w.sb.send(alice, alice, '/export 评议 2026');
    const doc = await w.sb.nextBotMessage(alice, {
      match: (m) => m.document !== undefined,
      timeoutMs: 60_000,
    });
    expect(doc.document!.file_name).toBe('第一党支部-2026-年度民主评议.pdf');
    expect(doc.caption).toContain('2026 年度民主评议');
    const dir = mkdtempSync(join(tmpdir(), 'appraisal-'));
    const pdf = join(dir, 'a.pdf');
    writeFileSync(pdf, await downloadDocument(w.sb.url, doc));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    for (const s of [
      '第一党支部 年度民主评议',
      '鲍勃',
      '李',
      '丁',
      '戊',
      '基本合格',
      '预备党员',
      '全年窗口服务零差错',
      '支部书记（签字）',
    ])
      expect(text).toContain(s);
    if (process.env.APPRAISAL_PNG) {
      execFileSync('pdftoppm', [
        '-r',
        '80',
        '-png',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        pdf,
        join(dir, 'p'),
      ]);
      copyFileSync(join(dir, 'p.png'), process.env.APPRAISAL_PNG);
    }
  }, 90_000);
});

describe('the top-ten vote (/topten, 十佳)', () => {
  it('candidates by rule, anonymous ballots in private, counts only after closing, with a chart', async () => {
    await w.sb.send(bob, g, '/topten');
    expect((await w.sb.nextBotMessage(g)).text).toMatch(/只有支部书记/);
    await w.sb.send(alice, g, '/topten 2026');
    const opened = await w.sb.nextBotMessage(g, { match: /十佳/ });
    // Everyone rated, none at full stars: by the year's averages; 4 candidates, 2 places.
    expect(opened.text).toContain('候选人：李、鲍勃、戊、丁');
    expect(opened.text).toContain('评选 2 名，每人最多选 2 人');
    const payload = new URL(buttonsOf(opened)[0]!.url!).searchParams.get('start')!;

    /** Opens the ballot, toggles the named candidates, casts; returns the bot's last word. */
    const vote = async (who: SbUser, choose: string[]) => {
      await w.sb.send(who, who, `/start ${payload}`);
      let ballot = await w.sb.nextBotMessage(who, { match: /点选候选人/ });
      for (const name of choose) {
        await w.sb.pressButton(who, ballot, `☐ ${name}`);
        ballot = await w.sb.waitForMessage(
          who,
          (m) => m.message_id === ballot.message_id && buttonsOf(m).some((b) => b.text === `☑ ${name}`),
        );
      }
      await w.sb.pressButton(who, ballot, new RegExp(`已选 ${choose.length}/2`));
      return w.sb.waitForMessage(
        who,
        (m) => m.message_id === ballot.message_id && !/点选候选人/.test(m.text ?? ''),
      );
    };
    expect((await vote(bob, ['李', '戊'])).text).toBe('已匿名投票，感谢参与。');
    expect((await vote(alice, ['李'])).text).toBe('已匿名投票，感谢参与。');
    expect((await vote(ding, ['鲍勃', '李'])).text).toBe('已匿名投票，感谢参与。');
    // One ballot each; a third choice is refused at the press; someone outside the group cannot vote.
    await w.sb.send(bob, bob, `/start ${payload}`);
    await w.sb.nextBotMessage(bob, { match: /已经投过票/ });
    await w.sb.send(li, li, `/start ${payload}`);
    let ballot = await w.sb.nextBotMessage(li, { match: /点选候选人/ });
    for (const name of ['李', '鲍勃']) {
      await w.sb.pressButton(li, ballot, `☐ ${name}`);
      ballot = await w.sb.waitForMessage(
        li,
        (m) => m.message_id === ballot.message_id && buttonsOf(m).some((b) => b.text === `☑ ${name}`),
      );
    }
    const third = (await w.sb.pressButton(li, ballot, '☐ 戊')) as { callback_query_id: string };
    expect(await w.sb.waitForCallbackAnswer(li, third.callback_query_id)).toMatchObject({
      text: '最多只能选 2 人。',
      show_alert: true,
    });
    const outsider = await w.person('路人');
    await w.sb.send(outsider, outsider, `/start ${payload}`);
    await w.sb.nextBotMessage(outsider, { match: /不在|群/ });

    // What is stored: ballots are their choices alone, no time anywhere, the voters apart.
    const stored = await w.models.TopTenVote.collection.findOne({});
    expect(Object.keys(stored!).sort()).toEqual(
      [
        '_id',
        'ballots',
        'branchId',
        'candidates',
        'maxChoices',
        'ruleVersion',
        'seats',
        'size',
        'status',
        'voters',
        'year',
      ].sort(),
    );
    expect(stored!.ballots.every((b: object) => Object.keys(b).join() === 'choices')).toBe(true);
    expect([...stored!.voters].sort()).toEqual([alice.id, bob.id, ding.id].sort());
    expect(stored!.result).toBeUndefined();

    await w.sb.send(alice, g, '/topten close');
    const result = await w.sb.nextBotMessage(g, { match: /评选结果/ });
    expect(result.text).toContain('有效票 3 张，无效票 0 张');
    expect(result.text).toContain('1. 李：3 票 ★ 当选');
    expect(result.text).toMatch(/2\. (鲍勃|戊)：1 票 ★ 当选\n2\. (鲍勃|戊)：1 票 ★ 当选/);
    expect(result.text).toContain('4. 丁：0 票');
    const chart = await w.sb.nextBotMessage(g, { match: (m) => m.photo !== undefined });
    if (process.env.TOPTEN_PNG) {
      const res = await fetch(`${w.sb.url}/sandbox/files/${chart.photo!.at(-1)!.file_id}`);
      writeFileSync(process.env.TOPTEN_PNG, Buffer.from(await res.arrayBuffer()));
    }
    expect(chart.photo!.at(-1)!.width).toBe(720);
    // Closed: no more ballots.
    const late = (await w.sb.pressButton(li, ballot, /已选 2\/2/)) as { callback_query_id: string };
    expect(await w.sb.waitForCallbackAnswer(li, late.callback_query_id)).toMatchObject({
      text: '这次十佳评选已经结束，不能再投票。',
      show_alert: true,
    });
    expect((await w.models.TopTenVote.findOne({}).lean())!.size).toBe(3);
  }, 90_000);
});
