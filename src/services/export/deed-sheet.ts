import type { Types } from 'mongoose';
import type { DeedRecord, DeedStatus } from '../../db/models/deed.js';
import type { ExportContext } from './context.js';
import { dayCell, type SheetSpec } from './sheet.js';

/** One deed (践诺记实, 一件事一记录) as exported. */
export interface DeedRow {
  date: string;
  name: string;
  what: string;
  forWhom: string;
  people: number;
  /** The linked pledge item's text, or empty. */
  pledge: string;
  reviewer: string;
  status: DeedStatus;
}

export const DEED_SHEET: SheetSpec<DeedRow> = {
  name: 'export-sheet-deeds',
  columns: [
    { header: 'export-col-date', width: 12, kind: 'date', value: (r) => dayCell(r.date) },
    { header: 'export-col-name', width: 12, kind: 'string', value: (r) => r.name },
    { header: 'export-col-what', width: 40, kind: 'string', value: (r) => r.what },
    { header: 'export-col-for-whom', width: 16, kind: 'string', value: (r) => r.forWhom },
    { header: 'export-col-people', width: 10, kind: 'number', value: (r) => r.people, total: 'sum' },
    { header: 'export-col-linked-pledge', width: 30, kind: 'string', value: (r) => r.pledge },
    { header: 'export-col-reviewer', width: 12, kind: 'string', value: (r) => r.reviewer },
    { header: 'export-col-status', width: 10, kind: 'string', value: (r, t) => t(`export-deed-${r.status}`) },
  ],
};

/** The period's deeds (withdrawn ones left out), by date, streamed from the store. */
export async function* deedRows(ctx: ExportContext, memberId?: Types.ObjectId): AsyncGenerator<DeedRow> {
  const { models, branch, period } = ctx;
  const cursor = models.Deed.find({
    branchId: branch._id,
    date: { $gte: period.from, $lt: period.to },
    status: { $ne: 'withdrawn' },
    ...(memberId && { memberId }),
  })
    .sort({ date: 1, _id: 1 })
    .lean<DeedRecord>()
    .cursor();
  const pledgeTexts = new Map<string, string>();
  for await (const d of cursor as AsyncIterable<DeedRecord>) {
    let pledge = '';
    if (d.pledgeItemId) {
      const key = String(d.pledgeItemId);
      if (!pledgeTexts.has(key)) {
        const item = await models.PledgeItem.findById(d.pledgeItemId, { text: 1 }).lean<{ text: string }>();
        pledgeTexts.set(key, item?.text ?? '');
      }
      pledge = pledgeTexts.get(key)!;
    }
    yield {
      date: d.date,
      name: ctx.member(d.memberId)?.realName ?? String(d.userId),
      what: d.what,
      forWhom: d.forWhom,
      people: d.peopleHelped,
      pledge,
      reviewer: d.reviewedBy === undefined ? '' : await ctx.nameOf(d.reviewedBy),
      status: d.status,
    };
  }
}
