import ExcelJS from 'exceljs';
import { APPRAISAL_SHEET, appraisalRows } from './appraisal-sheet.js';
import type { ExportContext } from './context.js';
import { COMMENTARY_SHEET, commentaryRows } from './commentary-sheet.js';
import { DEED_SHEET, deedRows } from './deed-sheet.js';
import { FEEDBACK_SHEET, feedbackRows } from './feedback-sheet.js';
import { PLEDGE_SHEET, pledgeRows } from './pledge-sheet.js';
import { QUARTER_SHEET, quarterRows } from './quarter-sheet.js';
import { RATING_SHEET, ratingRows } from './rating-sheet.js';
import { writeSheet, type SheetT } from './sheet.js';

/** How many rows the ledgers of the period hold, for the progress shown while they are written. */
async function rowCount(ctx: ExportContext): Promise<number> {
  const { models, branch, period } = ctx;
  const counts = await Promise.all([
    models.PledgeItem.countDocuments({ branchId: branch._id, year: { $in: [...period.years] } }),
    models.Deed.countDocuments({ branchId: branch._id, date: { $gte: period.from, $lt: period.to } }),
    models.RatingResult.countDocuments({ branchId: branch._id, month: { $in: [...period.months] } }),
    models.Commentary.countDocuments({ branchId: branch._id, quarter: { $in: [...period.quarters] } }),
  ]);
  return counts.reduce((a, b) => a + b, 0);
}

/** A streaming workbook written to `file`, made by the branch at the export's instant. */
function streamingWorkbook(ctx: ExportContext, file: string) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = ctx.branch.name;
  wb.created = ctx.now;
  return wb;
}

/** The quarterly fulfilment report (践诺信息季度上报) alone, as sent to the secretary each quarter. */
export async function writeQuarterWorkbook(ctx: ExportContext, t: SheetT, file: string) {
  const wb = streamingWorkbook(ctx, file);
  const rows = await writeSheet(wb, QUARTER_SHEET, quarterRows(ctx), t);
  await wb.commit();
  return { quarter: rows };
}

/**
 * The branch's ledgers for the period as one XLSX file written to `file` as it goes (exceljs's
 * streaming writer: rows are committed one by one and never held). `progress` gets 0–1.
 */
export async function writeLedgerWorkbook(
  ctx: ExportContext,
  t: SheetT,
  file: string,
  progress: (fraction: number) => void,
): Promise<Record<string, number>> {
  const total = Math.max(1, await rowCount(ctx));
  let done = 0;
  const tick = () => progress(Math.min(0.99, ++done / total));
  const wb = streamingWorkbook(ctx, file);
  const counts = {
    pledges: await writeSheet(wb, PLEDGE_SHEET, pledgeRows(ctx), t, tick),
    deeds: await writeSheet(wb, DEED_SHEET, deedRows(ctx), t, tick),
    ratings: await writeSheet(wb, RATING_SHEET, ratingRows(ctx), t, tick),
    commentary: await writeSheet(wb, COMMENTARY_SHEET, commentaryRows(ctx), t, tick),
    ...(ctx.period.kind === 'year' && {
      appraisal: await writeSheet(wb, APPRAISAL_SHEET, appraisalRows(ctx), t, tick),
    }),
    feedback: await writeSheet(wb, FEEDBACK_SHEET, feedbackRows(ctx), t),
    quarter: await writeSheet(wb, QUARTER_SHEET, quarterRows(ctx), t),
  };
  await wb.commit();
  progress(1);
  return counts;
}
