import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { asOfJob } from '../../jobs/as-of.js';
import { redisConnection, type ScheduleJobData } from '../../jobs/queues.js';
import { removeBranchSchedules, schedulerId, syncBranchSchedules } from '../../jobs/schedules.js';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function queue() {
  const connection = redisConnection(inject('redisUrl'));
  const prefix = `t-${randomUUID()}`;
  const q = new Queue<ScheduleJobData>('schedule', { connection, prefix });
  cleanups.push(
    () => connection.quit(),
    () => q.obliterate({ force: true }).then(() => q.close()),
  );
  return q;
}

describe('job schedulers per branch', () => {
  it('upserts one scheduler per kind in the branch zone, updates it in place, removes it on unbind', async () => {
    const q = queue();
    const branchId = '65f000000000000000000001';
    await syncBranchSchedules(q, branchId, DEFAULT_SETTINGS);
    await syncBranchSchedules(q, branchId, DEFAULT_SETTINGS);
    let all = await q.getJobSchedulers();
    expect(all.map((s) => s.key).sort()).toEqual(
      ['daily', 'round-close', 'round-open'].map((k) => schedulerId(k as never, branchId)),
    );
    const close = all.find((s) => s.key === schedulerId('round-close', branchId))!;
    expect([close.pattern, close.tz]).toEqual(['0 9 1 * *', 'Asia/Shanghai']);

    await syncBranchSchedules(q, branchId, {
      ...DEFAULT_SETTINGS,
      roundCloseHour: 8,
      timeZone: 'Europe/Berlin',
    });
    all = await q.getJobSchedulers();
    expect(all).toHaveLength(3);
    const moved = all.find((s) => s.key === schedulerId('round-close', branchId))!;
    expect([moved.pattern, moved.tz]).toEqual(['0 8 1 * *', 'Europe/Berlin']);

    await removeBranchSchedules(q, branchId);
    expect(await q.getJobSchedulers()).toEqual([]);
  });

  it('stamps each scheduled job with the instant it stands for (next 09:00 in the branch zone)', async () => {
    const q = queue();
    const branchId = '65f000000000000000000002';
    await syncBranchSchedules(q, branchId, DEFAULT_SETTINGS);
    const delayed = await q.getDelayed();
    const daily = delayed.find((j) => j.name === 'daily')!;
    const asOf = asOfJob(daily);
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(asOf);
    expect(local).toBe('09:00');
    expect(asOf.getTime()).toBeGreaterThan(Date.now());
    expect(asOf.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
    expect(daily.data).toEqual({ branchId });
  });

  it('prefers an explicit asOf in the job data', () => {
    const at = asOfJob({ data: { asOf: '2026-12-01T01:00:00.000Z' }, id: 'x', timestamp: 0, opts: {} });
    expect(at.toISOString()).toBe('2026-12-01T01:00:00.000Z');
  });
});
