import type { Types } from 'mongoose';
import type { PledgeItemRecord } from '../../db/models/pledge-item.js';
import type { PledgeRecord } from '../../db/models/pledge.js';
import { itemStatus, type Lead, type PledgeItemStatus } from '../../domain/pledge-item.js';
import { toDomainItem } from '../pledge-review.js';
import type { ExportContext } from './context.js';
import { dayCell, type SheetSpec } from './sheet.js';

/** One line of the pledge ledger (承诺台账) as exported. */
export interface PledgeRow {
  n: number;
  name: string;
  post: string;
  lead: Lead;
  text: string;
  due: string;
  status: PledgeItemStatus;
  /** The return reason, or empty when the item was approved without one. */
  reason: string;
  published: string | null;
  /** Dates and texts of the verified deeds linked to the item. */
  deeds: string;
}

export const PLEDGE_SHEET: SheetSpec<PledgeRow> = {
  name: 'export-sheet-pledges',
  columns: [
    { header: 'export-col-index', width: 6, kind: 'number', value: (r) => r.n },
    { header: 'export-col-name', width: 12, kind: 'string', value: (r) => r.name },
    { header: 'export-col-post', width: 14, kind: 'string', value: (r) => r.post },
    { header: 'export-col-lead', width: 14, kind: 'string', value: (r, t) => t(`lead-${r.lead}`) },
    { header: 'export-col-pledge', width: 40, kind: 'string', value: (r) => r.text },
    { header: 'export-col-due', width: 12, kind: 'date', value: (r) => dayCell(r.due) },
    {
      header: 'export-col-review',
      width: 20,
      kind: 'string',
      value: (r, t) =>
        ['approved', 'claimed', 'done', 'overdue'].includes(r.status)
          ? t('export-review-approved')
          : r.status === 'returned'
            ? t('export-review-returned', { reason: r.reason })
            : t('export-review-pending'),
    },
    { header: 'export-col-published', width: 12, kind: 'date', value: (r) => dayCell(r.published) },
    {
      header: 'export-col-fulfilment',
      width: 12,
      kind: 'string',
      value: (r, t) => t(`pledge-status-${r.status}`),
    },
    { header: 'export-col-linked-deeds', width: 40, kind: 'string', value: (r) => r.deeds },
  ],
};

/** The pledge ledger's rows for the period's years, member by member, streamed from the store. */
export async function* pledgeRows(ctx: ExportContext, memberId?: Types.ObjectId): AsyncGenerator<PledgeRow> {
  const { models, branch, period } = ctx;
  const scope = { branchId: branch._id, year: { $in: [...period.years] }, ...(memberId && { memberId }) };
  const pledges = await models.Pledge.find(scope, { publishedAt: 1 }).lean<PledgeRecord[]>();
  const published = new Map(pledges.map((p) => [String(p._id), ctx.day(p.publishedAt)]));
  const linked = new Map<string, string[]>();
  const deeds = models.Deed.find(
    {
      branchId: branch._id,
      status: 'verified',
      pledgeItemId: { $exists: true },
      ...(memberId && { memberId }),
    },
    { pledgeItemId: 1, date: 1, what: 1 },
  )
    .sort({ date: 1 })
    .lean()
    .cursor();
  for await (const d of deeds) {
    const key = String(d.pledgeItemId);
    linked.set(key, [...(linked.get(key) ?? []), `${d.date} ${d.what}`]);
  }
  const items = models.PledgeItem.find({ ...scope, status: { $ne: 'draft' } })
    .sort({ memberId: 1, _id: 1 })
    .lean<PledgeItemRecord>()
    .cursor();
  let n = 0;
  for await (const item of items as AsyncIterable<PledgeItemRecord>) {
    const m = ctx.member(item.memberId);
    yield {
      n: ++n,
      name: m?.realName ?? String(item.userId),
      post: m?.post ?? '',
      lead: item.lead,
      text: item.text,
      due: item.dueDate,
      status: itemStatus(toDomainItem(item), ctx.now, ctx.tz),
      reason: item.reason ?? '',
      published: published.get(String(item.pledgeId)) ?? null,
      deeds: (linked.get(String(item._id)) ?? []).join('\n'),
    };
  }
}
