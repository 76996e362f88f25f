import { afterEach, describe, expect, it } from 'vitest';
import { workerTranslate } from '../../jobs/deps.js';
import { createReminders } from '../../src/services/reminder-service.js';
import { ratingFixture } from './rating-fixture.js';

let fx: Awaited<ReturnType<typeof ratingFixture>> | undefined;
afterEach(async () => {
  await fx?.cleanup();
  fx = undefined;
});

const at = (local: string) => new Date(`${local}T09:00:00+08:00`);

async function setup(settings: Record<string, unknown> = {}) {
  fx = await ratingFixture();
  const b = await fx.branch(1, settings);
  const m = await fx.member(b._id, 11);
  const n = await fx.member(b._id, 12);
  for (const id of [1, 11, 12]) await fx.models.UserPref.create({ _id: id, startedBot: true });
  const item = await fx.models.PledgeItem.create({
    branchId: b._id,
    pledgeId: m._id,
    memberId: m._id,
    userId: 11,
    year: 2026,
    lead: 'service',
    text: '每月走访群众两次',
    dueDate: '2026-10-05',
    status: 'approved',
  });
  const reminders = createReminders({ models: fx.models, t: workerTranslate() });
  const keysOn = async (day: string) =>
    (await reminders.due((await fx!.models.Branch.findById(b._id).lean())!, at(day))).map((x) => x.key);
  return { b, m, n, item, keysOn, f: fx };
}

describe('reminders of a day', () => {
  it('reminds of a pledge item 7 and 1 days ahead and when overdue, moved off the National Day holiday', async () => {
    const { item, keysOn } = await setup();
    expect(await keysOn('2026-09-28')).toContain(`pledge-due:${item._id}:7`);
    expect(await keysOn('2026-09-30')).toContain(`pledge-due:${item._id}:1`);
    expect((await keysOn('2026-10-04')).filter((k) => k.startsWith('pledge'))).toEqual([]);
    // Due on the 5th, a holiday: the overdue notice comes on the first working day after it.
    expect((await keysOn('2026-10-06')).filter((k) => k.startsWith('pledge'))).toEqual([]);
    expect(await keysOn('2026-10-08')).toEqual(
      expect.arrayContaining([`pledge-overdue:${item._id}`, `pledge-overdue-sec:${item._id}`]),
    );
  });

  it('sends the day-25 digest to the group, DMs to members without a verified deed, and respects pauses', async () => {
    const { b, m, n, keysOn, f } = await setup();
    await f.models.Deed.create({
      branchId: b._id,
      memberId: m._id,
      userId: 11,
      what: '帮办',
      date: '2026-11-03',
      forWhom: '群众',
      peopleHelped: 1,
      status: 'verified',
    });
    expect(await keysOn('2026-11-25')).toEqual([
      `deed-digest:${b._id}:2026-11`,
      `deed-dm:${b._id}:2026-11:${n._id}`,
    ]);
    await f.models.UserPref.updateOne({ _id: 12 }, { $set: { remindersPaused: true } });
    expect(await keysOn('2026-11-25')).toEqual([`deed-digest:${b._id}:2026-11`]);
    await f.models.Branch.updateOne({ _id: b._id }, { $set: { 'settings.remindersPaused': true } });
    expect(await keysOn('2026-11-25')).toEqual([]);
  });

  it('uses the branch override days: an extra holiday moves the digest to the next working day', async () => {
    const { b, keysOn } = await setup({ holidayOverrides: { holidays: ['2026-11-25'], workdays: [] } });
    expect(await keysOn('2026-11-25')).toEqual([]);
    expect(await keysOn('2026-11-26')).toContain(`deed-digest:${b._id}:2026-11`);
  });

  it('asks the secretary for commentary and sends the fulfilment report at the quarter start', async () => {
    const { b, keysOn } = await setup();
    expect(await keysOn('2026-10-08')).toEqual(
      expect.arrayContaining([`quarter-comment:${b._id}:2026Q3`, `quarter-report:${b._id}:2026Q3`]),
    );
    expect((await keysOn('2026-10-09')).filter((k) => k.startsWith('quarter'))).toEqual([]);
  });
});
