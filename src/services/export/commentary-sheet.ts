import type { CommentaryRecord } from '../../db/models/commentary.js';
import type { ExportContext } from './context.js';
import type { SheetSpec } from './sheet.js';

/** One line of the commentary ledger (点评台账) as exported. */
export interface CommentaryRow {
  quarter: string;
  name: string;
  text: string;
  by: string;
  written: string | null;
}

export const COMMENTARY_SHEET: SheetSpec<CommentaryRow> = {
  name: 'export-sheet-commentary',
  columns: [
    { header: 'export-col-quarter', width: 10, kind: 'string', value: (r) => r.quarter },
    { header: 'export-col-name', width: 12, kind: 'string', value: (r) => r.name },
    { header: 'export-col-commentary', width: 60, kind: 'string', value: (r) => r.text },
    { header: 'export-col-commentator', width: 12, kind: 'string', value: (r) => r.by },
    {
      header: 'export-col-written',
      width: 12,
      kind: 'date',
      value: (r) => (r.written ? new Date(`${r.written}T00:00:00Z`) : null),
    },
  ],
};

/** The period's quarterly comments, quarter by quarter, streamed from the store. */
export async function* commentaryRows(ctx: ExportContext): AsyncGenerator<CommentaryRow> {
  const cursor = ctx.models.Commentary.find({
    branchId: ctx.branch._id,
    quarter: { $in: [...ctx.period.quarters] },
  })
    .sort({ quarter: 1, memberId: 1 })
    .lean<CommentaryRecord & { createdAt?: Date }>()
    .cursor();
  for await (const c of cursor as AsyncIterable<CommentaryRecord & { createdAt?: Date }>) {
    yield {
      quarter: c.quarter,
      name: ctx.member(c.memberId)?.realName ?? '',
      text: c.text,
      by: await ctx.nameOf(c.byUserId),
      written: ctx.day(c.createdAt),
    };
  }
}
