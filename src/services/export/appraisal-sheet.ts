import type { AppraisalRecord } from '../../db/models/appraisal.js';
import type { AppraisalCategory } from '../../domain/appraisal.js';
import type { ExportContext } from './context.js';
import type { SheetSpec, SheetT } from './sheet.js';

/** One member's line of the annual appraisal table (年度民主评议) as exported. */
export interface AppraisalRow {
  record: AppraisalRecord;
  name: string;
  probationary: boolean;
}

const category = (t: SheetT, c: AppraisalCategory | null) =>
  t(c ? `appraisal-cat-${c}` : 'appraisal-cat-none');

export const APPRAISAL_SHEET: SheetSpec<AppraisalRow> = {
  name: 'export-sheet-appraisal',
  columns: [
    { header: 'export-col-name', width: 12, kind: 'string', value: (r) => r.name },
    {
      header: 'export-col-membership',
      width: 10,
      kind: 'string',
      value: (r, t) => t(r.probationary ? 'export-membership-probationary' : 'export-membership-full'),
    },
    { header: 'export-col-rated-months', width: 10, kind: 'number', value: (r) => r.record.figures.rated },
    { header: 'export-col-failed-months', width: 10, kind: 'number', value: (r) => r.record.figures.fails },
    {
      header: 'export-col-average',
      width: 10,
      kind: 'number',
      value: (r) => r.record.figures.average,
      total: 'average',
    },
    {
      header: 'export-col-overdue-at-year-end',
      width: 12,
      kind: 'number',
      value: (r) => r.record.figures.overdueItems,
    },
    {
      header: 'export-col-suggested',
      width: 14,
      kind: 'string',
      value: (r, t) => category(t, r.record.suggested),
    },
    {
      header: 'export-col-category',
      width: 14,
      kind: 'string',
      value: (r, t) => category(t, r.record.category),
    },
    {
      header: 'export-col-change-reason',
      width: 40,
      kind: 'string',
      value: (r) => r.record.change?.reason ?? '',
    },
    {
      header: 'export-col-appraisal-status',
      width: 10,
      kind: 'string',
      value: (r, t) =>
        t(r.record.status === 'published' ? 'appraisal-state-published' : 'appraisal-state-draft'),
    },
    { header: 'export-col-rule', width: 16, kind: 'string', value: (r) => r.record.ruleVersion },
  ],
};

/** The appraisal of each year of the period (a year export: that year), by member. */
export async function* appraisalRows(ctx: ExportContext): AsyncGenerator<AppraisalRow> {
  const cursor = ctx.models.Appraisal.find({ branchId: ctx.branch._id, year: { $in: [...ctx.period.years] } })
    .sort({ year: 1, memberId: 1 })
    .lean<AppraisalRecord>()
    .cursor();
  for await (const record of cursor as AsyncIterable<AppraisalRecord>) {
    const m = ctx.member(record.memberId);
    yield { record, name: m?.realName ?? '', probationary: m?.membership === 'probationary' };
  }
}
