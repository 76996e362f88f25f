import type ExcelJS from 'exceljs';

/** A cell's value as a sheet stores it: text, number, date (a calendar day), or empty. */
export type CellValue = string | number | Date | null;
export type SheetT = (key: string, params?: Record<string, string | number>) => string;

/** One column: its header (an i18n key), width in characters, kind, and how a row fills it. */
export interface Column<R> {
  readonly header: string;
  readonly width: number;
  readonly kind: 'string' | 'number' | 'date' | 'month';
  readonly value: (row: R, t: SheetT) => CellValue;
  /** A totals row under the data: the sum or the average of this column. */
  readonly total?: 'sum' | 'average';
}

/** A ledger as a worksheet: its name (an i18n key) and columns. */
export interface SheetSpec<R> {
  readonly name: string;
  readonly columns: readonly Column<R>[];
}

const NUM_FMT: Record<Column<unknown>['kind'], string | undefined> = {
  string: undefined,
  number: '0.##',
  date: 'yyyy-mm-dd',
  month: 'yyyy-mm',
};

/** A calendar day 'YYYY-MM-DD' (or month 'YYYY-MM') as the Date a sheet shows as that day. */
export function dayCell(iso: string | undefined | null): Date | null {
  if (!iso) return null;
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number | undefined];
  return new Date(Date.UTC(y, m - 1, d ?? 1));
}

const colName = (i: number): string =>
  (i >= 26 ? colName(Math.floor(i / 26) - 1) : '') + String.fromCharCode(65 + (i % 26));

/**
 * Writes one ledger as a worksheet of a streaming workbook: header row frozen and bold, widths,
 * typed cells, each row committed as it comes (nothing held), then a totals row when a column
 * asks for one. Returns the number of data rows. Reusable by any export (branch or committee).
 */
export async function writeSheet<R>(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  spec: SheetSpec<R>,
  rows: AsyncIterable<R> | Iterable<R>,
  t: SheetT,
  onRow?: () => void,
): Promise<number> {
  const ws = wb.addWorksheet(t(spec.name), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = spec.columns.map((c, i) => ({
    key: String(i),
    width: c.width,
    ...(NUM_FMT[c.kind] && { style: { numFmt: NUM_FMT[c.kind]! } }),
  }));
  const header = ws.addRow(spec.columns.map((c) => t(c.header)));
  header.font = { bold: true };
  header.commit();
  let n = 0;
  const sums = spec.columns.map(() => 0);
  for await (const row of rows) {
    const values = spec.columns.map((c, i) => {
      const v = c.value(row, t);
      if (typeof v === 'number') sums[i]! += v;
      return v;
    });
    ws.addRow(values).commit();
    n++;
    onRow?.();
  }
  if (spec.columns.some((c) => c.total)) {
    const last = n + 1;
    const totals = spec.columns.map((c, i) => {
      if (i === 0) return t('export-total-label', { count: n });
      if (!c.total || n === 0) return null;
      const range = `${colName(i)}2:${colName(i)}${last}`;
      const result = c.total === 'sum' ? sums[i]! : Math.round((sums[i]! / n) * 100) / 100;
      return { formula: `${c.total === 'sum' ? 'SUM' : 'AVERAGE'}(${range})`, result };
    });
    const row = ws.addRow(totals);
    row.font = { bold: true };
    row.commit();
  }
  ws.commit();
  return n;
}
