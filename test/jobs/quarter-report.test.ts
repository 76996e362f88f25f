import { Worker } from 'bullmq';
import ExcelJS from 'exceljs';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { processDaily } from '../../jobs/processors/daily.js';
import { createExportProcessor } from '../../jobs/processors/export.js';
import { workerTranslate } from '../../jobs/deps.js';
import { QUEUES } from '../../jobs/queues.js';
import type { ExportRequest } from '../../src/services/export/export-service.js';
import { monthHarness } from './month-harness.js';

let h: Awaited<ReturnType<typeof monthHarness>> | undefined;
let worker: Worker<ExportRequest> | undefined;
afterEach(async () => {
  await worker?.close();
  await h?.close();
  h = worker = undefined;
});

const at = (local: string) => new Date(`${local}:00+08:00`);

describe('the quarterly fulfilment report as XLSX', () => {
  it('is queued once at the quarter start and arrives as a workbook with the counts and totals', async () => {
    h = await monthHarness(['张三', '李四']);
    const { deps, branch, members, secretary } = h;
    const [zhang] = members;
    const item = (status: string, dueDate: string, doneOn?: string) => ({
      branchId: branch._id,
      pledgeId: branch._id,
      memberId: zhang!._id,
      userId: zhang!.userId,
      year: 2026,
      lead: 'service',
      text: `承诺${dueDate}`,
      dueDate,
      status,
      ...(doneOn && { doneOn }),
    });
    await h.models.PledgeItem.insertMany([
      item('done', '2026-09-30', '2026-09-01'),
      item('approved', '2026-08-01'),
      item('approved', '2027-01-31'),
      item('pending', '2026-08-01'),
    ]);
    // Every day of early October, twice: the report (text and XLSX) is queued once, on the
    // quarter's first working day.
    for (let d = 1; d <= 12; d++)
      for (let n = 0; n < 2; n++)
        await processDaily(
          deps,
          { branchId: String(branch._id) },
          at(`2026-10-${String(d).padStart(2, '0')}T09:00`),
        );
    const jobs = await h.exportQueue.getJobs(['waiting', 'delayed', 'active', 'completed']);
    expect(jobs.map((j) => [j.data.kind, j.data.period, j.data.userId])).toEqual([
      ['quarter', '2026Q3', secretary.id],
    ]);

    worker = new Worker<ExportRequest>(
      QUEUES.export,
      createExportProcessor({
        models: h.models,
        api: h.api,
        t: workerTranslate(),
        log: pino({ level: 'silent' }),
        clock: () => at('2026-10-09T09:00'),
      }),
      { connection: h.connection, prefix: h.prefix },
    );
    const doc = await h.sb.waitForMessage(secretary, (m) => m.document !== undefined, 30_000);
    expect([doc.document!.file_name, doc.caption]).toEqual([
      '第一党支部-2026Q3-季度践诺情况.xlsx',
      '2026Q3 践诺信息季度上报',
    ]);
    const res = await fetch(`${h.sb.url}/sandbox/files/${doc.document!.file_id}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const ws = wb.getWorksheet('季度践诺情况')!;
    const rows = ws
      .getSheetValues()
      .slice(1)
      .map((r) => (r as unknown[]).slice(1));
    const plain = rows.map((r) => r.map((v) => (v && typeof v === 'object' && 'result' in v ? v.result : v)));
    expect(plain).toEqual([
      ['季度', '姓名', '岗位', '已完成', '逾期', '进行中'],
      ['2026Q3', '张三', '窗口1', 1, 1, 1],
      ['2026Q3', '李四', '窗口2', 0, 0, 0],
      ['合计（2 条）', undefined, undefined, 1, 1, 1],
    ]);
    expect((rows[3]![3] as { formula: string }).formula).toBe('SUM(D2:D3)');
  }, 60_000);
});
