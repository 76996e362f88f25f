import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadDocument, rowsOf } from '../support/xlsx.js';
import { localDate } from '../../src/domain/dates.js';
import type { DeedRecord } from '../../src/db/models/deed.js';
import type { MemberRecord } from '../../src/db/models/member.js';
import type { PledgeItemRecord } from '../../src/db/models/pledge-item.js';
import type { RatingResultRecord } from '../../src/db/models/rating-result.js';
import type { BotProcess } from '../support/bot-process.js';
import { liveNovember } from '../support/lived-month.js';
import type { SbMessage, SbUser } from '../support/sandbox-client.js';
import { rosterCard, seedBranch, seedMember } from '../support/seed.js';
import { startPrivateChats, startWorld, type World } from './world.js';

let w: World;
let worker: BotProcess;

beforeAll(async () => {
  w = await startWorld({ worker: false });
  worker = await w.startWorker();
}, 90_000);

afterAll(async () => {
  const code = await worker?.stop();
  await w?.close();
  if (code !== 0) throw new Error(`worker exited with ${code}:\n${worker.output().slice(-3000)}`);
});

const download = (m: SbMessage) => downloadDocument(w.sb.url, m);

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('/export: the ledgers of a year as XLSX, through the bot and the worker', () => {
  let sec: SbUser, zhang: SbUser, li: SbUser, mass: SbUser, otherSec: SbUser;
  let group: { id: number };

  it('refuses members and other branches, sends the workbook in private, one export at a time', async () => {
    sec = await w.person('书记');
    zhang = await w.person('张三', 'zhangsan');
    li = await w.person('李四');
    mass = await w.person('王五');
    otherSec = await w.person('别支书记');
    group = await w.sb.createGroup({
      title: '第一党支部',
      admins: [sec],
      members: [zhang, li, mass, otherSec],
    });
    const other = await w.sb.createGroup({ title: '第二党支部', admins: [otherSec], members: [zhang] });
    await startPrivateChats(w, [sec, zhang, li, mass, otherSec]);
    const branch = await seedBranch(w.models, group.id, sec.id);
    await seedBranch(w.models, other.id, otherSec.id, { name: '第二党支部' });
    const members: MemberRecord[] = [];
    for (const [i, u] of [zhang, li].entries())
      members.push(await seedMember(w.models, branch._id, u.id, rosterCard(u, i)));
    await liveNovember(w.models, branch, members, mass.id);

    // A member, in the group and in private: refused.
    await w.sb.send(zhang, group, '/export 2026');
    await w.sb.nextBotMessage(group, { match: /只有支部书记或支委可以导出台账/ });
    await w.sb.send(zhang, zhang, '/export');
    await w.sb.nextBotMessage(zhang, { match: /只有支部书记或支委可以导出台账/ });
    // Another branch's secretary in this group: refused; in their own group they get their own branch.
    await w.sb.send(otherSec, group, '/export 2026');
    await w.sb.nextBotMessage(group, { match: /只有支部书记或支委可以导出台账/ });
    // A bad period is explained.
    await w.sb.send(sec, group, '/export 2026年13月');
    await w.sb.nextBotMessage(group, { match: /不是可导出的时间/ });

    // The secretary, in the group: told in the group, progress and file in private, twice at once refused.
    await w.sb.send(sec, group, '/export 2026');
    await w.sb.send(sec, sec, '/export 2026');
    await w.sb.nextBotMessage(group, { match: /文件将通过私聊发送给您/ });
    await w.sb.nextBotMessage(sec, { match: /正在进行/, timeoutMs: 15_000 });
    const doc = await w.sb.nextBotMessage(sec, { match: (m) => m.document !== undefined, timeoutMs: 60_000 });
    expect(doc.document!.file_name).toBe('第一党支部-2026-台账.xlsx');
    const groupMessages = await w.sb.messages(group);
    expect(groupMessages.some((m) => m.document)).toBe(false);
    const progress = await w.sb.waitForMessage(sec, (m) => /已生成/.test(m.text ?? ''), 15_000);
    expect(progress.edit_date).toBeDefined();

    const xlsx = await download(doc);
    if (process.env.EXPORT_SAMPLE_DIR)
      writeFileSync(join(process.env.EXPORT_SAMPLE_DIR, 'ledgers.xlsx'), xlsx);
    const wb = new ExcelJS.Workbook();
    // exceljs declares its own Buffer type; Node's Buffer is what it reads.
    await wb.xlsx.load(xlsx as unknown as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      '承诺台账',
      '践诺记实',
      '月度考评',
      '点评台账',
      '年度民主评议',
      '意见簿',
      '季度践诺情况',
    ]);
    for (const ws of wb.worksheets) expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    // 承诺台账: every submitted item, typed cells matching the store.
    const pledges = rowsOf(wb.getWorksheet('承诺台账')!);
    expect(pledges[0]).toEqual([
      '序号',
      '姓名',
      '岗位',
      '五带头类别',
      '承诺事项',
      '完成时限',
      '审核意见',
      '公示日期',
      '完成情况',
      '关联实事',
    ]);
    const items = await w.models.PledgeItem.find({}).sort({ memberId: 1, _id: 1 }).lean<PledgeItemRecord[]>();
    expect(pledges.slice(1)).toHaveLength(items.length);
    const byUser = new Map(members.map((m) => [m.userId, m]));
    for (const [i, item] of items.entries()) {
      const row = pledges[i + 1]!;
      expect(row[0]).toBe(i + 1);
      expect(row[1]).toBe(byUser.get(item.userId)!.realName);
      expect(row[4]).toBe(item.text);
      expect(row[5]).toEqual(day(item.dueDate));
      expect(row[8]).toBe({ done: '已完成', approved: '已审定', returned: '已退回' }[item.status as string]);
    }
    const returned = pledges.find((r) => r[8] === '已退回')!;
    expect(returned[6]).toBe('退回：请写明学习内容');
    const done = pledges.find((r) => r[8] === '已完成')!;
    expect([done[1], done[3], done[6]]).toEqual(['张三', '带头服务群众', '审定通过']);
    expect(done[9]).toBe('2026-11-03 帮助群众办理业务1');
    expect(done[7]).toBeInstanceOf(Date);

    // 践诺记实: the year's deeds with the people helped summed.
    const deeds = rowsOf(wb.getWorksheet('践诺记实')!);
    expect(deeds[0]).toEqual(['时间', '姓名', '内容', '服务对象', '受益人数', '关联承诺', '核实人', '状态']);
    const stored = await w.models.Deed.find({}).lean<DeedRecord[]>();
    expect(deeds.slice(1, -1)).toHaveLength(stored.length);
    const verified = deeds.find((r) => r[2] === '帮助群众办理业务2')!;
    expect(verified).toEqual([
      day('2026-11-04'),
      '李四',
      '帮助群众办理业务2',
      '窗口群众',
      4,
      '每月为群众办实事2件',
      '书记',
      '已核实',
    ]);
    expect(deeds.at(-1)).toEqual([
      '合计（4 条）',
      null,
      null,
      null,
      stored.reduce((s, d) => s + d.peopleHelped, 0),
      null,
      null,
      null,
    ]);

    // 月度考评: one row per member for November, figures as stored.
    const ratings = rowsOf(wb.getWorksheet('月度考评')!);
    const results = await w.models.RatingResult.find({}).lean<RatingResultRecord[]>();
    expect(ratings.slice(1, -1)).toHaveLength(results.length);
    for (const r of results) {
      const name = members.find((m) => m._id.equals(r.memberId))!.realName;
      const row = ratings.find((x) => x[1] === name)!;
      expect(row[0]).toEqual(day('2026-11-01'));
      expect(row.slice(2, 7)).toEqual([
        r.computation.self,
        r.computation.masses,
        r.computation.ballots,
        r.computation.organisation,
        r.computation.total,
      ]);
      expect(row[7]).toBe(r.computation.passed ? '合格' : '不合格');
      expect(row.slice(8, 10)).toEqual([r.inputs.before.stars, r.after.stars]);
    }

    // 点评台账 and 意见簿: the anonymous complaint names nobody.
    const comment = await w.models.Commentary.findOne({}).lean<{ createdAt: Date }>();
    expect(rowsOf(wb.getWorksheet('点评台账')!).slice(1)).toEqual([
      [
        '2026Q4',
        '张三',
        '服务意识强，学习还需加强。',
        '书记',
        day(localDate(comment!.createdAt, 'Asia/Shanghai')),
      ],
    ]);
    const feedback = rowsOf(wb.getWorksheet('意见簿')!);
    expect(feedback.slice(1).map((r) => [r[1], r[2], r[4], r[5], r[7]])).toEqual([
      ['投诉', '支部', '匿名', '已处理', '属实'],
      ['表扬', '张三', '王五', '已处理', null],
    ]);
    expect(JSON.stringify(feedback)).not.toContain(String(mass.id));

    // Afterwards a new export may start again (the finished job is gone).
    await w.sb.send(sec, sec, '/export 2026-11');
    const second = await w.sb.nextBotMessage(sec, {
      match: (m) => m.document !== undefined,
      timeoutMs: 60_000,
    });
    expect(second.document!.file_name).toBe('第一党支部-2026-11-台账.xlsx');
  }, 180_000);

  it('sends the three cards and the pledge ledger as a PDF, for the branch or one member', async () => {
    await w.sb.send(sec, sec, '/export pdf 2026');
    const doc = await w.sb.nextBotMessage(sec, { match: (m) => m.document !== undefined, timeoutMs: 60_000 });
    expect(doc.document!.file_name).toBe('第一党支部-2026-三卡.pdf');
    const pdf = await download(doc);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    // Four pages per member: the three cards and the ledger, with names and figures in Chinese.
    expect(pageCount(pdf)).toBe(8);
    for (const title of ['定标公示卡', '对标记录卡', '达标评议卡', '承诺台账'])
      expect(count(text, title)).toBe(2);
    for (const s of [
      '张三',
      '李四',
      '窗口1',
      '我的岗位我示范',
      '帮助群众办理业务1',
      '每月为群众办实事2件',
      '带头服务群众',
    ])
      expect(text).toContain(s);
    const standard = await w.models.Standard.findOne({ userId: zhang.id }).lean<{ approvedText: string }>();
    expect(text).toContain(standard!.approvedText.slice(0, 10));
    const results = await w.models.RatingResult.find({}).lean<RatingResultRecord[]>();
    for (const r of results) expect(text).toContain(String(r.computation.total));
    expect(text).toContain('共 1 件实事，受益 3 人。');
    if (process.env.EXPORT_SAMPLE_DIR) writeFileSync(join(process.env.EXPORT_SAMPLE_DIR, 'cards.pdf'), pdf);

    // One member: only their pages; a member asking is refused.
    await w.sb.send(sec, group, '/export pdf @zhangsan');
    const one = await w.sb.nextBotMessage(sec, { match: (m) => m.document !== undefined, timeoutMs: 60_000 });
    expect(one.document!.file_name).toBe('张三-2026-三卡.pdf');
    const oneText = pdfText(await download(one));
    expect(oneText).toContain('张三');
    expect(oneText).not.toContain('李四');
    await w.sb.send(li, group, '/export pdf @zhangsan');
    await w.sb.nextBotMessage(group, { match: /只有支部书记或支委可以导出台账/ });

    // The quarterly report alone.
    await w.sb.send(sec, sec, '/export report 2026Q4');
    const report = await w.sb.nextBotMessage(sec, {
      match: (m) => m.document !== undefined,
      timeoutMs: 60_000,
    });
    expect([report.document!.file_name, report.caption]).toEqual([
      '第一党支部-2026Q4-季度践诺情况.xlsx',
      '2026Q4 践诺信息季度上报',
    ]);
  }, 180_000);

  it("sends the deeds compilation (先进事迹汇编): each member's verified deeds that helped most, with the photo", async () => {
    // A real picture in the sandbox's file store, as a member would send one: a PNG of a QR code.
    const png = await QRCode.toBuffer('先进事迹', { width: 200 });
    const sent = await w.sb.send(zhang, group, {
      photo: { data: png.toString('base64'), file_name: 'deed.png', mime_type: 'image/png' },
    });
    const fileId = sent.photo!.at(-1)!.file_id;
    const verified = await w.models.Deed.findOne({ userId: zhang.id, status: 'verified' }).lean<DeedRecord>();
    await w.models.Deed.updateOne({ _id: verified!._id }, { $set: { photoFileId: fileId } });

    await w.sb.send(sec, sec, '/export 事迹 2026');
    const doc = await w.sb.nextBotMessage(sec, { match: (m) => m.document !== undefined, timeoutMs: 60_000 });
    expect([doc.document!.file_name, doc.caption]).toEqual([
      '第一党支部-2026-先进事迹汇编.pdf',
      '2026 先进事迹汇编',
    ]);
    const pdf = await download(doc);
    const text = pdfText(pdf);
    for (const s of [
      '第一党支部 先进事迹汇编',
      '张三',
      '李四',
      '帮助群众办理业务1',
      '帮助群众办理业务2',
      '受益 3 人',
      '窗口群众',
    ])
      expect(text).toContain(s);
    // Only verified deeds: the duty shifts were never verified.
    expect(text).not.toContain('义务值班');
    // The photo is in the file, as an image.
    const file = join(mkdtempSync(join(tmpdir(), 'compilation-')), 'c.pdf');
    writeFileSync(file, pdf);
    // pdfimages -list: one line per image (type "image"; a PNG's alpha comes as an "smask" line).
    const images = execFileSync('pdfimages', ['-list', file])
      .toString()
      .split('\n')
      .filter((l) => /^\s*\d+\s+\d+\s+image\s/.test(l));
    expect(images.map((l) => l.trim().split(/\s+/).slice(3, 5))).toEqual([['200', '200']]);
  }, 90_000);
});

/** The PDF's text as poppler's pdftotext extracts it (what a reader or a search would find). */
function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');
}
const pageCount = (pdf: Buffer) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', ['-'], { input: pdf }).toString())![1]);
const count = (text: string, s: string) => text.split(s).length - 1;
