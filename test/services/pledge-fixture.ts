import type { Types } from 'mongoose';
import { createModels, syncIndexes, type Models } from '../../src/db/models/index.js';
import type { BranchDoc } from '../../src/db/models/branch.js';
import type { MemberRecord } from '../../src/db/models/member.js';
import { testConnection } from '../support/mongo.js';

/** A test clock that can be moved. */
export function movableClock(start: string) {
  let now = new Date(start);
  return { clock: () => now, set: (at: string) => void (now = new Date(at)) };
}

/** Its own database, the real models, and helpers to create branches and active members. */
export async function pledgeFixture() {
  const db = await testConnection('pledge');
  const models: Models = createModels(db.conn);
  await syncIndexes(models);
  let nextChat = -100;
  async function branch(secretaryId = 1): Promise<BranchDoc> {
    const b = await models.Branch.create({
      chatId: nextChat--,
      name: '第一党支部',
      unit: '政务中心',
      secretaryId,
    });
    return b.toObject() as BranchDoc;
  }
  async function member(
    branchId: Types.ObjectId,
    userId: number,
    extra: Partial<MemberRecord> = {},
  ): Promise<MemberRecord> {
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
      submittedAt: new Date(),
      confirmedAt: new Date(),
      ...extra,
    });
    return m.toObject() as MemberRecord;
  }
  return { models, branch, member, cleanup: db.cleanup };
}
