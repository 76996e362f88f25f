import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import { CJK_PDF_FACE, requireCjkFont } from '../cjk-font.js';
import { appraisalRows, APPRAISAL_SHEET } from './appraisal-sheet.js';
import type { ExportContext } from './context.js';
import { cardTitle, drawTable } from './pdf-table.js';
import type { SheetT } from './sheet.js';

/** Shares of the page width for the sheet's columns, in its order (they add up to 1). */
const SHARES = [0.09, 0.08, 0.06, 0.06, 0.07, 0.07, 0.09, 0.09, 0.22, 0.07, 0.1];

/**
 * The year's appraisal table (年度民主评议) as an A4 landscape page for the paper archive: the same
 * columns as the workbook's sheet, then lines for the secretary's signature and the date.
 */
export async function writeAppraisalPdf(ctx: ExportContext, t: SheetT, file: string): Promise<number> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 40,
    info: { Title: ctx.branch.name },
  });
  const out = createWriteStream(file);
  doc.pipe(out);
  doc.registerFont('cjk', requireCjkFont(), CJK_PDF_FACE);
  doc.font('cjk');
  const cols = APPRAISAL_SHEET.columns;
  const rows: string[][] = [];
  for await (const r of appraisalRows(ctx))
    rows.push(
      cols.map((c) => {
        const v = c.value(r, t);
        return v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
      }),
    );
  cardTitle(doc, `${ctx.branch.name} ${t('export-sheet-appraisal')}`, ctx.period.label);
  if (rows.length === 0) doc.fontSize(12).text(t('export-none'));
  else
    drawTable(
      doc,
      cols.map((c, i) => ({ header: t(c.header), share: SHARES[i]! })),
      rows,
    );
  doc.moveDown(2).fontSize(11).text(t('export-appraisal-signature'));
  doc.end();
  await finished(out);
  return rows.length;
}
