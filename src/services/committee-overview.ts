import type { Model, Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import { addMonths } from '../domain/calendar.js';

/** What `/branches` shows of one branch: roster, plates, five-star posts, this month, last close. */
export interface BranchOverview {
  members: number;
  plates: number;
  fiveStar: number;
  selfRated: number;
  deedsVerified: number;
  overdueItems: number;
  lastClose?: { month: string; at: Date };
}

type Id = Types.ObjectId;
const ZERO: BranchOverview = {
  members: 0,
  plates: 0,
  fiveStar: 0,
  selfRated: 0,
  deedsVerified: 0,
  overdueItems: 0,
};

/**
 * The figures of every branch of a tree in a handful of aggregations, each one pipeline over all
 * the branches (grouped by branch inside the store), never a loop of per-branch queries.
 */
export function createCommitteeOverview(models: Models) {
  type Counted = { _id: Id; n: number };
  const count = (model: 'Deed' | 'PledgeItem' | 'SelfEvaluation', match: object, by: string) =>
    (models[model] as unknown as Model<unknown>)
      .aggregate<Counted>([{ $match: match }, { $group: { _id: by, n: { $sum: 1 } } }])
      .exec();

  return async function overview(
    branchIds: Id[],
    month: string,
    today: string,
  ): Promise<Map<string, BranchOverview>> {
    const ids = { $in: branchIds };
    const [roster, rounds, deeds, overdue, closes] = await Promise.all([
      models.Member.aggregate<{ _id: Id; members: number; plates: number; fiveStar: number }>([
        { $match: { branchId: ids, status: 'active' } },
        {
          $group: {
            _id: '$branchId',
            members: { $sum: 1 },
            plates: { $sum: { $cond: ['$plateOn', 1, 0] } },
            fiveStar: { $sum: { $cond: [{ $gte: ['$stars', 5] }, 1, 0] } },
          },
        },
      ]).exec(),
      models.RatingRound.find({ branchId: ids, month }, { branchId: 1 }).lean<{ _id: Id; branchId: Id }[]>(),
      count(
        'Deed',
        {
          branchId: ids,
          status: 'verified',
          date: { $gte: `${month}-01`, $lt: `${addMonths(month, 1)}-01` },
        },
        '$branchId',
      ),
      count(
        'PledgeItem',
        { branchId: ids, status: { $in: ['approved', 'claimed'] }, dueDate: { $lt: today } },
        '$branchId',
      ),
      models.RatingRound.aggregate<{ _id: Id; month: string; at: Date }>([
        { $match: { branchId: ids, closedAt: { $ne: null } } },
        { $sort: { closedAt: -1 } },
        { $group: { _id: '$branchId', month: { $first: '$month' }, at: { $first: '$closedAt' } } },
      ]).exec(),
    ]);
    const selfByRound = await count(
      'SelfEvaluation',
      { roundId: { $in: rounds.map((r) => r._id) } },
      '$roundId',
    );
    const out = new Map<string, BranchOverview>(branchIds.map((id) => [String(id), { ...ZERO }]));
    const at = (id: Id) => out.get(String(id));
    for (const r of roster)
      Object.assign(at(r._id) ?? {}, { members: r.members, plates: r.plates, fiveStar: r.fiveStar });
    const roundBranch = new Map(rounds.map((r) => [String(r._id), r.branchId]));
    for (const s of selfByRound) {
      const o = at(roundBranch.get(String(s._id))!);
      if (o) o.selfRated += s.n;
    }
    for (const d of deeds) Object.assign(at(d._id) ?? {}, { deedsVerified: d.n });
    for (const d of overdue) Object.assign(at(d._id) ?? {}, { overdueItems: d.n });
    for (const c of closes) Object.assign(at(c._id) ?? {}, { lastClose: { month: c.month, at: c.at } });
    return out;
  };
}
