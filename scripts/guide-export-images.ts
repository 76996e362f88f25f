/**
 * The export images of the README's guide (docs/guide/5-*, 6-*), from files the export e2e test
 * saved with the real bot and worker:
 *   mkdir -p /tmp/export-sample
 *   EXPORT_SAMPLE_DIR=/tmp/export-sample npx vitest run test/e2e/export.test.ts
 *   npx tsx scripts/guide-export-images.ts /tmp/export-sample     (needs poppler-utils, chromium)
 * A page of the cards PDF through pdftoppm; a sheet of the workbook drawn as a table in Chromium
 * (cell values as exceljs reads them, dates as the sheet formats them).
 */
import { execFileSync } from 'node:child_process';
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { chromium } from 'playwright-core';

const dir = process.argv[2] ?? '/tmp/export-sample';
const out = join(import.meta.dirname, '..', 'docs', 'guide');

execFileSync('pdftoppm', [
  '-r',
  '90',
  '-png',
  '-f',
  '3',
  '-l',
  '3',
  '-singlefile',
  join(dir, 'cards.pdf'),
  join(dir, 'card'),
]);
renameSync(join(dir, 'card.png'), join(out, '6-export-result-card.png'));

const wb = new ExcelJS.Workbook();
await wb.xlsx.readFile(join(dir, 'ledgers.xlsx'));
const esc = (s: string) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
const show = (v: ExcelJS.CellValue, fmt: string | undefined): string => {
  if (v instanceof Date)
    return fmt === 'yyyy-mm' ? v.toISOString().slice(0, 7) : v.toISOString().slice(0, 10);
  if (v && typeof v === 'object' && 'result' in v) return show(v.result as ExcelJS.CellValue, fmt);
  return v === null || v === undefined ? '' : String(v);
};
const ws = wb.getWorksheet(1)!;
const rows: string[] = [];
ws.eachRow((row, n) => {
  const cells = [];
  for (let c = 1; c <= ws.columnCount; c++) {
    const cell = row.getCell(c);
    const tag = n === 1 ? 'th' : 'td';
    const width = (ws.getColumn(c).width ?? 10) * 7;
    cells.push(
      `<${tag} style="min-width:${width}px">${esc(show(cell.value, cell.numFmt)).replace(/\n/g, '<br>')}</${tag}>`,
    );
  }
  const total = n > 1 && row.font?.bold === true;
  rows.push(`<tr${total ? ' class="total"' : ''}>${cells.join('')}</tr>`);
});
const tabs = wb.worksheets
  .map((s, i) => `<span class="${i === 0 ? 'on' : ''}">${esc(s.name)}</span>`)
  .join('');
const html = `<!doctype html><meta charset="utf-8"><style>
body{font-family:'WenQuanYi Micro Hei',sans-serif;font-size:13px;margin:12px}
table{border-collapse:collapse}th,td{border:1px solid #bbb;padding:3px 6px;vertical-align:top;text-align:left}
th{background:#eee;font-weight:bold}tr.total td{font-weight:bold}
.tabs{margin-top:8px}.tabs span{border:1px solid #bbb;padding:2px 10px;margin-right:2px;background:#f4f4f4}
.tabs .on{background:#fff;border-top:2px solid #217346}</style>
<table>${rows.join('')}</table><div class="tabs">${tabs}</div>`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1200, height: 200 }, deviceScaleFactor: 1 });
await page.setContent(html);
await page.screenshot({ path: join(out, '5-export-pledge-sheet.png'), fullPage: true });
await browser.close();
console.log('wrote docs/guide/5-export-pledge-sheet.png and 6-export-result-card.png');
