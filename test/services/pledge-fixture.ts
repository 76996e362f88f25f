import type { Types } from 'mongoose';
import type { MemberRecord } from '../../src/db/models/member.js';
import { testStore } from '../support/mongo.js';
import { seedBranch, seedMember } from '../support/seed.js';

/** A test clock that can be moved. */
export function movableClock(start: string) {
  let now = new Date(start);
  return { clock: () => now, set: (at: string) => void (now = new Date(at)) };
}

/** Its own database, the real models, and helpers to create branches and active members. */
export async function pledgeFixture() {
  const { models, ...db } = await testStore('pledge');
  let nextChat = -100;
  const branch = (secretaryId = 1) => seedBranch(models, nextChat--, secretaryId);
  const member = (branchId: Types.ObjectId, userId: number, extra: Partial<MemberRecord> = {}) =>
    seedMember(models, branchId, userId, extra);
  return { models, branch, member, cleanup: db.cleanup };
}
