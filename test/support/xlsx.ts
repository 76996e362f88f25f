import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { SbMessage } from './sandbox-client.js';

/** The bytes of a document the bot sent, from the sandbox's file store. */
export async function downloadDocument(sandboxUrl: string, m: SbMessage): Promise<Buffer> {
  const res = await fetch(`${sandboxUrl}/sandbox/files/${m.document!.file_id}`);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** A workbook read back with exceljs. */
export async function readWorkbook(xlsx: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  // exceljs declares its own Buffer type; Node's Buffer is what it reads.
  await wb.xlsx.load(xlsx as unknown as Parameters<typeof wb.xlsx.load>[0]);
  return wb;
}

/** A sheet's rows as plain values (row 1 the header), formulas as their results. */
export function rowsOf(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const cells: unknown[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const v = row.getCell(c).value;
      cells.push(v && typeof v === 'object' && 'result' in v ? v.result : v);
    }
    out.push(cells);
  });
  return out;
}
