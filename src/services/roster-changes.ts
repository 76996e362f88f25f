import type { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';

/** A member record as last stamped (`updatedAt` by its writer's clock). */
export interface MemberStamp {
  _id: Types.ObjectId;
  branchId: Types.ObjectId;
  updatedAt: Date;
}

/** A red flag award: who won it and who held it before. */
export interface RedFlagStamp {
  _id: Types.ObjectId;
  winnerId: Types.ObjectId | null;
  computedAt: Date;
  inputs: { previousHolderId: string | null };
}

/**
 * What changed the roster boards outside the bot's own handlers (jobs/processors/roster-sync.ts): members
 * written since an instant, red flags computed since one. Both are indexed reads.
 */
export function createRosterChanges({ models }: { models: Pick<Models, 'Member' | 'CommitteeAward'> }) {
  return {
    members(after: Date): Promise<MemberStamp[]> {
      return models.Member.find({ updatedAt: { $gt: after } })
        .select({ branchId: 1, updatedAt: 1 })
        .lean<MemberStamp[]>();
    },
    redFlags(after: Date): Promise<RedFlagStamp[]> {
      return models.CommitteeAward.find({ kind: 'red-flag', computedAt: { $gt: after } })
        .select({ winnerId: 1, computedAt: 1, 'inputs.previousHolderId': 1 })
        .lean<RedFlagStamp[]>();
    },
  };
}
