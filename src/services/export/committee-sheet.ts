import ExcelJS from 'exceljs';
import type { Rollup, RollupRow } from '../committee-reports.js';
import { localDate } from '../../domain/dates.js';
import { dayCell, writeSheet, type SheetSpec, type SheetT } from './sheet.js';

/** A ledger line with its day in the committee's zone. */
type CommentRow = Rollup['comments'][number] & { day: Date | null };

export const ROLLUP_SHEET: SheetSpec<RollupRow & { quarter: string }> = {
  name: 'committee-sheet-rollup',
  columns: [
    { header: 'export-col-quarter', width: 10, kind: 'string', value: (r) => r.quarter },
    { header: 'committee-col-branch', width: 20, kind: 'string', value: (r) => r.name },
    { header: 'committee-col-members', width: 10, kind: 'number', value: (r) => r.members, total: 'sum' },
    { header: 'export-col-done', width: 10, kind: 'number', value: (r) => r.done, total: 'sum' },
    { header: 'export-col-overdue', width: 10, kind: 'number', value: (r) => r.overdue, total: 'sum' },
    { header: 'export-col-in-progress', width: 10, kind: 'number', value: (r) => r.inProgress, total: 'sum' },
  ],
};

export const COMMITTEE_COMMENT_SHEET: SheetSpec<CommentRow> = {
  name: 'committee-sheet-comments',
  columns: [
    { header: 'export-col-quarter', width: 10, kind: 'string', value: (r) => r.quarter },
    { header: 'committee-col-branch', width: 20, kind: 'string', value: (r) => r.branchName },
    { header: 'committee-col-date', width: 12, kind: 'date', value: (r) => r.day },
    { header: 'committee-col-comment', width: 60, kind: 'string', value: (r) => r.text },
  ],
};

/** The committee's quarterly roll-up as XLSX: one row per branch with totals, and the commentary ledger. */
export async function writeRollupWorkbook(
  rollup: Rollup,
  opts: { creator: string; now: Date; timeZone: string; t: SheetT; file: string },
): Promise<{ branches: number; comments: number }> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: opts.file,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = opts.creator;
  wb.created = opts.now;
  const rows = rollup.rows.map((r) => ({ ...r, quarter: rollup.quarter }));
  const branches = await writeSheet(wb, ROLLUP_SHEET, rows, opts.t);
  const comments = await writeSheet(
    wb,
    COMMITTEE_COMMENT_SHEET,
    rollup.comments.map((c) => ({ ...c, day: dayCell(localDate(c.createdAt, opts.timeZone)) })),
    opts.t,
  );
  await wb.commit();
  return { branches, comments };
}
