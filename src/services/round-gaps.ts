import type { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import type { MemberRecord } from '../db/models/member.js';
import type { RatingRoundRecord } from '../db/models/rating-round.js';
import type { RoundGaps } from '../domain/round-state.js';

/** A member with fewer masses ballots than the minimum, and how many they have (never from whom). */
export interface FewBallots {
  readonly member: MemberRecord;
  readonly ballots: number;
}

/** Who in an open round has not yet been rated in each way (考评进度), names sorted. */
export interface RoundGapList {
  readonly members: number;
  readonly selfMissing: MemberRecord[];
  readonly ballotsUnderMin: FewBallots[];
  readonly orgMissing: MemberRecord[];
  readonly massesMinBallots: number;
}

/** The counts the early-close rule reads. */
export const gapCounts = (g: RoundGapList): RoundGaps => ({
  selfMissing: g.selfMissing.length,
  ballotsUnderMin: g.ballotsUnderMin.length,
  orgMissing: g.orgMissing.length,
});

/** The branch's active members, names sorted: whom the gaps are counted among. */
export const activeMembersByName = (models: Models, branchId: Types.ObjectId) =>
  models.Member.find({ branchId, status: 'active' }).sort({ realName: 1 }).lean<MemberRecord[]>().exec();

/**
 * The round's gaps among the branch's active members: no self-evaluation, fewer masses ballots
 * than `massesMinBallots` (the count of each box only: raters are not read), no organisation score.
 * `active` is those members (activeMembersByName) when the caller reads them anyway.
 */
export async function roundGaps(
  models: Models,
  round: Pick<RatingRoundRecord, '_id' | 'branchId'>,
  massesMinBallots: number,
  active?: Promise<MemberRecord[]>,
): Promise<RoundGapList> {
  const roundId = round._id;
  const [members, selfs, orgs, boxes] = await Promise.all([
    active ?? activeMembersByName(models, round.branchId),
    models.SelfEvaluation.find({ roundId }, { memberId: 1 }).lean<{ memberId: Types.ObjectId }[]>(),
    models.OrgEvaluation.find({ roundId }, { memberId: 1 }).lean<{ memberId: Types.ObjectId }[]>(),
    models.BallotBox.find({ roundId }, { memberId: 1, size: 1 }).lean<
      { memberId: Types.ObjectId; size: number }[]
    >(),
  ]);
  const ids = (rows: { memberId: Types.ObjectId }[]) => new Set(rows.map((r) => String(r.memberId)));
  const self = ids(selfs);
  const org = ids(orgs);
  const ballots = new Map(boxes.map((b) => [String(b.memberId), b.size]));
  return {
    members: members.length,
    selfMissing: members.filter((m) => !self.has(String(m._id))),
    ballotsUnderMin: members
      .map((member) => ({ member, ballots: ballots.get(String(member._id)) ?? 0 }))
      .filter((f) => f.ballots < massesMinBallots),
    orgMissing: members.filter((m) => !org.has(String(m._id))),
    massesMinBallots,
  };
}
