import type { Types } from 'mongoose';
import { afterEach } from 'vitest';
import type { MemberRecord } from '../../src/db/models/member.js';
import { createRatingObjections } from '../../src/services/rating-objections.js';
import { createRatingScores } from '../../src/services/rating-scores.js';
import { createRatingService } from '../../src/services/rating-service.js';
import { testStore } from '../support/mongo.js';
import { seedBranch, seedMember } from '../support/seed.js';
import { movableClock } from './pledge-fixture.js';

/** Its own database, the real models, rating services on a movable clock, branch and member makers. */
export async function ratingFixture(start = '2026-11-28T01:00:00Z') {
  const { models, ...db } = await testStore('rating');
  const { clock, set } = movableClock(start);
  let nextChat = -1000;
  const branch = (secretaryId = 1, settings: Record<string, unknown> = {}) =>
    seedBranch(models, nextChat--, secretaryId, { settings });
  const member = (branchId: Types.ObjectId, userId: number, extra: Partial<MemberRecord> = {}) =>
    seedMember(models, branchId, userId, {
      submittedAt: new Date('2026-01-01T00:00:00Z'),
      confirmedAt: new Date('2026-01-01T00:00:00Z'),
      ...extra,
    });
  return {
    models,
    rounds: createRatingService({ models, clock }),
    scores: createRatingScores({ models, clock }),
    objections: createRatingObjections({ models, clock }),
    setNow: set,
    clockNow: clock,
    branch,
    member,
    cleanup: db.cleanup,
  };
}

export const full = { political: 25, performance: 25, service: 25, exemplary: 25 };
export const sheetOf = (n: number) => ({ political: n, performance: n, service: n, exemplary: n });

export type RatingFixture = Awaited<ReturnType<typeof ratingFixture>>;

/**
 * Rating fixtures opened by a test file's tests, each cleaned up after its test:
 * `const fixtures = ratingFixtures(); ... const fx = await fixtures.open('2026-11-28T01:00:00Z')`.
 */
export function ratingFixtures() {
  let open: RatingFixture | undefined;
  afterEach(async () => {
    await open?.cleanup();
    open = undefined;
  });
  return {
    async open(start?: string): Promise<RatingFixture> {
      open = await ratingFixture(start);
      return open;
    },
  };
}
