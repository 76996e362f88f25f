import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createJobDeps } from '../../jobs/deps.js';
import { processRosterSync } from '../../jobs/processors/roster-sync.js';
import { seedBranch } from '../support/seed.js';
import { monthHarness } from './month-harness.js';

let h: Awaited<ReturnType<typeof monthHarness>> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const pause = () => new Promise((r) => setTimeout(r, 10));

describe('the roster sync (worker job)', () => {
  it('refreshes the boards of branches changed elsewhere, once, with its watermark kept in Redis', async () => {
    h = await monthHarness(['王芳']);
    const { deps, group, branch, models } = h;
    const id = branch._id.toString();
    // The kept board, edited in place by every refresh.
    const board = await h.api.sendMessage(group.id, 'old board');
    await models.Branch.updateOne({ _id: branch._id }, { $set: { rosterMessageId: board.message_id } });
    // A branch without a board: its changes refresh nothing.
    const other = await h.sb.createGroup({ title: '第二党支部', admins: [h.secretary], members: [] });
    await seedBranch(models, other.id, h.secretary.id);
    const pass = () => processRosterSync(deps, new Date());
    const boardText = async () => (await h!.botTexts(group.id)).join('\n---\n');

    // No watermark yet: the last ten minutes count (the member seeded just now).
    expect(await pass()).toEqual([id]);
    expect(await boardText()).toContain('第一党支部');
    expect(await boardText()).not.toContain('old board');
    expect(await pass()).toEqual([]);

    // The rating gives the member four stars.
    await pause();
    await models.Member.updateOne({ branchId: branch._id }, { $set: { stars: 4 } });
    expect(await pass()).toEqual([id]);
    expect(await boardText()).toContain('★★★★☆');

    // A writer whose clock is three seconds behind is still seen, once.
    await models.Member.updateOne(
      { branchId: branch._id },
      { $set: { plateOn: false, updatedAt: new Date(Date.now() - 3_000) } },
      { timestamps: false },
    );
    expect(await pass()).toEqual([id]);
    expect(await boardText()).toContain('🚫');
    expect(await pass()).toEqual([]);

    // A second worker (or this one restarted) carries on from the stored watermark: nothing twice,
    // nothing skipped, whichever of them runs the pass.
    const again = createJobDeps({
      models,
      redis: deps.redis,
      prefix: deps.prefix,
      senderQueue: h.queue,
      schedule: deps.schedule,
      exportQueue: h.exportQueue,
      botUsername: deps.botUsername,
      api: h.api,
      log: pino({ level: 'silent' }),
    });
    expect(await processRosterSync(again, new Date())).toEqual([]);
    await pause();
    await models.Member.updateOne({ branchId: branch._id }, { $set: { stars: 2 } });
    expect(await processRosterSync(again, new Date())).toEqual([id]);
    expect(await pass()).toEqual([]);
    expect(await boardText()).toContain('★★☆☆☆');

    // Only the board is there: edited, never posted again.
    expect(await h.botTexts(group.id)).toHaveLength(1);
    expect(await h.botTexts(other.id)).toEqual([]);
  });

  it('shows the red flag on its holder’s board until it passes on, as the scheduled job "roster-sync"', async () => {
    h = await monthHarness(['王芳']);
    const { runScheduled } = h;
    const { deps, group, branch, models } = h;
    const board = await h.api.sendMessage(group.id, 'old board');
    await models.Branch.updateOne({ _id: branch._id }, { $set: { rosterMessageId: board.message_id } });
    const other = await h.sb.createGroup({ title: '第二党支部', admins: [h.secretary], members: [] });
    const second = await seedBranch(models, other.id, h.secretary.id);
    const board2 = await h.api.sendMessage(other.id, 'old board');
    await models.Branch.updateOne({ _id: second._id }, { $set: { rosterMessageId: board2.message_id } });
    const job = async () => {
      return ((await runScheduled('roster-sync')) as string[]).sort();
    };
    await job();
    const top = await deps.services.committees.bind({
      chatId: -7100,
      actorId: h.secretary.id,
      kind: 'committee',
      name: '机关党委',
      unit: '机关',
    });
    const award = (period: string, winner: typeof branch, previous: typeof branch | null) =>
      models.CommitteeAward.create({
        committeeId: top._id,
        kind: 'red-flag',
        period,
        rules: { redFlag: 'red-flag/2026.1' },
        inputs: { previousHolderId: previous ? String(previous._id) : null },
        result: { winnerId: String(winner._id) },
        winnerId: winner._id,
        computedAt: new Date(),
      });

    await award('2026-11', branch, null);
    expect(await job()).toEqual([branch._id.toString()]);
    expect((await h.botTexts(group.id))[0]).toContain('🚩 本支部持有“机关党委”流动红旗（2026年11月）');
    expect(await job()).toEqual([]);

    await pause();
    await award('2026-12', second, branch);
    expect(await job()).toEqual([branch._id.toString(), second._id.toString()].sort());
    expect((await h.botTexts(group.id))[0]).not.toContain('🚩');
    expect((await h.botTexts(other.id))[0]).toContain('🚩 本支部持有“机关党委”流动红旗（2026年12月）');
  });
});
