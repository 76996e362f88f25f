import type { PledgeItemRecord } from '../../db/models/pledge-item.js';
import { addMonths } from '../../domain/calendar.js';
import { localDate } from '../../domain/dates.js';
import { quarterFulfilment, type FulfilmentItem } from '../../domain/quarter-fulfilment.js';
import type { ExportContext } from './context.js';
import type { SheetSpec } from './sheet.js';

/** One member's line of the quarterly fulfilment report (践诺信息季度上报). */
export interface QuarterRow {
  quarter: string;
  name: string;
  post: string;
  done: number;
  overdue: number;
  inProgress: number;
}

export const QUARTER_SHEET: SheetSpec<QuarterRow> = {
  name: 'export-sheet-quarter',
  columns: [
    { header: 'export-col-quarter', width: 10, kind: 'string', value: (r) => r.quarter },
    { header: 'export-col-name', width: 12, kind: 'string', value: (r) => r.name },
    { header: 'export-col-post', width: 14, kind: 'string', value: (r) => r.post },
    { header: 'export-col-done', width: 10, kind: 'number', value: (r) => r.done, total: 'sum' },
    { header: 'export-col-overdue', width: 10, kind: 'number', value: (r) => r.overdue, total: 'sum' },
    { header: 'export-col-in-progress', width: 10, kind: 'number', value: (r) => r.inProgress, total: 'sum' },
  ],
};

/** The first day of a stored quarter '2026Q3' and the day after its last. */
export function quarterDays(quarter: string): { from: string; to: string } {
  const [year, q] = quarter.split('Q') as [string, string];
  const first = `${year}-${String((Number(q) - 1) * 3 + 1).padStart(2, '0')}`;
  return { from: `${first}-01`, to: `${addMonths(first, 3)}-01` };
}

/**
 * The report's rows for each quarter of the period, member by member (every confirmed member,
 * also those who left, whose records stay). Items are read once: a few per member and year.
 */
export async function* quarterRows(ctx: ExportContext): AsyncGenerator<QuarterRow> {
  const today = localDate(ctx.now, ctx.tz);
  const years = [...new Set([...ctx.period.years, ...ctx.period.years.map((y) => y - 1)])];
  const items = await ctx.models.PledgeItem.find(
    { branchId: ctx.branch._id, year: { $in: years } },
    { memberId: 1, status: 1, dueDate: 1, doneOn: 1 },
  ).lean<Pick<PledgeItemRecord, 'memberId' | 'status' | 'dueDate' | 'doneOn'>[]>();
  const byMember = new Map<string, FulfilmentItem[]>();
  for (const i of items) byMember.set(String(i.memberId), [...(byMember.get(String(i.memberId)) ?? []), i]);
  const members = [...ctx.members.values()].filter((m) => m.status !== 'pending-confirmation');
  for (const quarter of ctx.period.quarters) {
    const { from, to } = quarterDays(quarter);
    if (from > today) continue;
    for (const m of members)
      yield {
        quarter,
        name: m.realName,
        post: m.post,
        ...quarterFulfilment(byMember.get(String(m._id)) ?? [], from, to, today),
      };
  }
}
