import { createServices } from '../../src/services/index.js';
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { processReconcile } from '../../jobs/processors/reconcile.js';
import { redisConnection, type ScheduleJobData } from '../../jobs/queues.js';
import { testStore } from '../support/mongo.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('reconciling job schedulers with the branches', () => {
  it('adds them for bound branches, follows settings changes, removes them on unbind', async () => {
    const { models, ...db } = await testStore('reconcile');
    const redis = redisConnection(inject('redisUrl'));
    const prefix = `t-${randomUUID()}`;
    const schedule = new Queue<ScheduleJobData>('schedule', { connection: redis, prefix });
    cleanups.push(
      db.cleanup,
      () => redis.quit(),
      () => schedule.obliterate({ force: true }).then(() => schedule.close()),
    );
    const deps = { services: createServices({ models, clock: () => new Date() }), schedule, redis, prefix };
    const a = await models.Branch.create({ chatId: -1, name: '一支部', unit: '中心', secretaryId: 1 });
    const b = await models.Branch.create({
      chatId: -2,
      name: '二支部',
      unit: '中心',
      secretaryId: 2,
      settings: { timeZone: 'Europe/Berlin' },
    });

    expect(await processReconcile(deps)).toEqual({ changed: 2, removed: 0 });
    expect(await processReconcile(deps)).toEqual({ changed: 0, removed: 0 });
    let all = await schedule.getJobSchedulers();
    expect(all).toHaveLength(6);
    expect(all.find((s) => s.key === `daily:${b._id}`)!.tz).toBe('Europe/Berlin');

    await models.Branch.updateOne({ _id: a._id }, { $set: { 'settings.reminderHour': 8 } });
    await models.Branch.updateOne({ _id: b._id }, { $set: { active: false } });
    expect(await processReconcile(deps)).toEqual({ changed: 1, removed: 1 });
    all = await schedule.getJobSchedulers();
    expect(all.map((s) => s.key).sort()).toEqual(
      [`daily:${a._id}`, `round-close:${a._id}`, `round-open:${a._id}`].sort(),
    );
    expect(all.find((s) => s.key === `daily:${a._id}`)!.pattern).toBe('0 8 * * *');
  });
});
