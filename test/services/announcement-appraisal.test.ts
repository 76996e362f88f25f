import { afterEach, describe, expect, it } from 'vitest';
import { workerTranslate } from '../../jobs/deps.js';
import type { BranchDoc } from '../../src/db/models/branch.js';
import { createAnnouncements } from '../../src/services/announcement.js';
import { ratingFixture } from './rating-fixture.js';

let fx: Awaited<ReturnType<typeof ratingFixture>> | undefined;
afterEach(async () => {
  await fx?.cleanup();
  fx = undefined;
});

describe("December's final announcement opens the annual appraisal", () => {
  it('tells the secretary privately, in their language, once per year; other months do not', async () => {
    fx = await ratingFixture();
    const b = (await fx.branch(1)) as BranchDoc;
    await fx.models.UserPref.create({ _id: 1, startedBot: true, language: 'en' });
    const a = createAnnouncements({ models: fx.models, t: workerTranslate() });
    const december = (await a.final(b, '2026-12')).filter((m) => m.chatId === 1);
    expect(december).toEqual([
      expect.objectContaining({ key: `appraisal-due:${String(b._id)}:2026`, chatId: 1 }),
    ]);
    expect(december[0]!.text).toMatch(/annual appraisal .*send \/appraisal/);
    expect((await a.final(b, '2026-11')).some((m) => m.key.startsWith('appraisal-due'))).toBe(false);
    // A secretary who never opened the private chat cannot be written to: nothing is queued.
    await fx.models.UserPref.updateOne({ _id: 1 }, { $set: { startedBot: false } });
    expect((await a.final(b, '2026-12')).some((m) => m.key.startsWith('appraisal-due'))).toBe(false);
  });
});
