import type { Types } from 'mongoose';
import { createModels, syncIndexes, type Models } from '../../src/db/models/index.js';
import type { BranchDoc } from '../../src/db/models/branch.js';
import type { MemberRecord } from '../../src/db/models/member.js';
import { createRatingObjections } from '../../src/services/rating-objections.js';
import { createRatingScores } from '../../src/services/rating-scores.js';
import { createRatingService } from '../../src/services/rating-service.js';
import { testConnection } from '../support/mongo.js';

/** Its own database, the real models, rating services on a movable clock, branch and member makers. */
export async function ratingFixture(start = '2026-11-28T01:00:00Z') {
  const db = await testConnection('rating');
  const models: Models = createModels(db.conn);
  await syncIndexes(models);
  let now = new Date(start);
  const clock = () => now;
  let nextChat = -1000;
  async function branch(secretaryId = 1, settings: Record<string, unknown> = {}): Promise<BranchDoc> {
    const b = await models.Branch.create({
      chatId: nextChat--,
      name: '第一党支部',
      unit: '政务中心',
      secretaryId,
      settings,
    });
    return b.toObject() as BranchDoc;
  }
  async function member(branchId: Types.ObjectId, userId: number, extra: Partial<MemberRecord> = {}) {
    const m = await models.Member.create({
      branchId,
      userId,
      realName: `党员${userId}`,
      post: '窗口受理',
      unit: '一号窗口',
      membership: 'full',
      isLeading: false,
      isElderly: false,
      motto: '我的岗位我示范',
      status: 'active',
      submittedAt: new Date('2026-01-01T00:00:00Z'),
      confirmedAt: new Date('2026-01-01T00:00:00Z'),
      ...extra,
    });
    return m.toObject() as MemberRecord;
  }
  return {
    models,
    rounds: createRatingService({ models, clock }),
    scores: createRatingScores({ models, clock }),
    objections: createRatingObjections({ models, clock }),
    setNow: (at: string) => void (now = new Date(at)),
    branch,
    member,
    cleanup: db.cleanup,
  };
}

export const full = { political: 25, performance: 25, service: 25, exemplary: 25 };
export const sheetOf = (n: number) => ({ political: n, performance: n, service: n, exemplary: n });
