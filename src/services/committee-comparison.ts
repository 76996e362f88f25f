import type { Model, Types } from 'mongoose';
import type { BranchDoc } from '../db/models/branch.js';
import type { AwardKind, CommitteeAwardRecord } from '../db/models/committee-award.js';
import type { RedFlagPeriod } from '../db/models/committee.js';
import type { Models } from '../db/models/index.js';
import { addMonths, quarterOf } from '../domain/calendar.js';
import {
  MONTH_STARS_RULE,
  selectMonthStars,
  type MonthStarsRule,
  type StarCandidate,
} from '../domain/month-stars.js';
import {
  computeRedFlag,
  RED_FLAG_RULE,
  type BranchFigures,
  type RedFlagInputs,
  type RedFlagResult,
  type RedFlagRule,
} from '../domain/red-flag.js';
import { requireCommittee, type Committee, type CommitteeActor } from './committee-service.js';
import { branchesOfTree, createCommitteeTree } from './committee-tree.js';
import { ServiceError } from './errors.js';

type Id = Types.ObjectId;
const round2 = (x: number) => Math.round(x * 100) / 100;

/** A month's comparison of the tree and its stars of the month, as stored. */
export interface ComparisonInputs {
  readonly month: string;
  /** Branch names at computation time (the post and the chart read these, not today's names). */
  readonly names: Record<string, string>;
  readonly figures: readonly BranchFigures[];
  readonly candidates: readonly StarCandidate[];
  /** Members' names of the candidates, for the stars' post. */
  readonly memberNames: Record<string, string>;
  readonly starsRule: MonthStarsRule;
}
export interface ComparisonResult {
  readonly stars: readonly StarCandidate[];
}

/** A red flag's stored inputs: the rule, the period's figures, the holder before. */
export interface RedFlagAwardInputs extends RedFlagInputs {
  readonly months: readonly string[];
  readonly names: Record<string, string>;
  readonly rule: RedFlagRule;
}

export type ComparisonAward = CommitteeAwardRecord & {
  kind: 'comparison';
  inputs: ComparisonInputs;
  result: ComparisonResult;
};
export type RedFlagAward = CommitteeAwardRecord & {
  kind: 'red-flag';
  inputs: RedFlagAwardInputs;
  result: RedFlagResult;
};

/** One row of the comparison table and chart, derived from stored figures. */
export interface ComparisonRow {
  readonly branchId: string;
  readonly name: string;
  readonly rated: number;
  readonly averageScore: number;
  /** Passed results in percent of the rated, 0–100. */
  readonly passRate: number;
  readonly deedsPerMember: number;
  readonly overdueItems: number;
}

export function comparisonRows(inputs: Pick<ComparisonInputs, 'figures' | 'names'>): ComparisonRow[] {
  return inputs.figures
    .map((f) => ({
      branchId: f.branchId,
      name: inputs.names[f.branchId] ?? f.branchId,
      rated: f.rated,
      averageScore: f.averageScore,
      passRate: f.rated > 0 ? round2((f.passed / f.rated) * 100) : 0,
      deedsPerMember: f.rated > 0 ? round2(f.deedsVerified / f.rated) : 0,
      overdueItems: f.overdueItems,
    }))
    .sort((a, b) => b.averageScore - a.averageScore || a.name.localeCompare(b.name));
}

/** The red-flag period a month completes: the month itself, or its quarter at a quarter's end. */
export function redFlagPeriodEndingIn(month: string, setting: RedFlagPeriod): string | null {
  if (setting === 'month') return month;
  const { year, quarter } = quarterOf(month);
  return Number(month.slice(5, 7)) === quarter * 3 ? `${year}Q${quarter}` : null;
}

/** The months of a period ('2026-11' or '2026Q4'). */
export function monthsOfPeriod(period: string): string[] {
  const q = /^(\d{4})Q([1-4])$/.exec(period);
  if (!q) return [period];
  const first = `${q[1]}-${String((Number(q[2]) - 1) * 3 + 1).padStart(2, '0')}`;
  return [first, addMonths(first, 1), addMonths(first, 2)];
}

/** Recomputes a stored award from its stored inputs alone (what `/redflag why` and the tests rely on). */
export function recomputeRedFlag(inputs: RedFlagAwardInputs): RedFlagResult {
  return computeRedFlag({ figures: inputs.figures, previousHolderId: inputs.previousHolderId }, inputs.rule);
}
export function recomputeComparison(inputs: ComparisonInputs): ComparisonResult {
  return { stars: selectMonthStars(inputs.candidates, inputs.starsRule) };
}

/**
 * The committee's comparison of its branches, its stars of the month and the rotating red flag:
 * every figure read by a few aggregations over the whole tree (grouped by branch inside the
 * store, never a loop of per-branch queries), and each result stored once per committee and
 * period with its rule version and inputs.
 */
export function createCommitteeComparison({ models, clock }: { models: Models; clock: () => Date }) {
  const { CommitteeAward, RatingResult, RatingRound, Deed, Member } = models;
  const tree = createCommitteeTree({ models, clock });
  type Counted = { _id: Id; n: number };
  const count = (model: 'Deed' | 'PledgeItem', match: object) =>
    (models[model] as unknown as Model<unknown>)
      .aggregate<Counted>([{ $match: match }, { $group: { _id: '$branchId', n: { $sum: 1 } } }])
      .exec();
  const monthRange = (months: readonly string[]) => ({
    $gte: `${months[0]}-01`,
    $lt: `${addMonths(months[months.length - 1]!, 1)}-01`,
  });

  /** Every branch's figures for the months, zeros for a branch with no result. */
  async function figures(branchIds: Id[], months: readonly string[]): Promise<BranchFigures[]> {
    const ids = { $in: branchIds };
    const [results, deeds, overdue] = await Promise.all([
      RatingResult.aggregate<{
        _id: Id;
        rated: number;
        avg: number;
        passed: number;
        selfMissing: number;
      }>([
        { $match: { branchId: ids, month: { $in: [...months] } } },
        {
          $group: {
            _id: '$branchId',
            rated: { $sum: 1 },
            avg: { $avg: '$computation.total' },
            passed: { $sum: { $cond: ['$computation.passed', 1, 0] } },
            selfMissing: {
              $sum: {
                $cond: [{ $in: ['self-missing', { $ifNull: ['$computation.notes', []] }] }, 1, 0],
              },
            },
          },
        },
      ]).exec(),
      count('Deed', { branchId: ids, status: 'verified', date: monthRange(months) }),
      count('PledgeItem', {
        branchId: ids,
        status: { $in: ['approved', 'claimed'] },
        dueDate: { $lt: monthRange(months).$lt },
      }),
    ]);
    const by = <T extends { _id: Id }>(rows: T[]) => new Map(rows.map((r) => [String(r._id), r]));
    const r = by(results);
    const d = by(deeds);
    const o = by(overdue);
    return branchIds.map((id) => {
      const k = String(id);
      const res = r.get(k);
      return {
        branchId: k,
        rated: res?.rated ?? 0,
        averageScore: res ? round2(res.avg) : 0,
        passed: res?.passed ?? 0,
        selfRated: res ? res.rated - res.selfMissing : 0,
        deedsVerified: d.get(k)?.n ?? 0,
        overdueItems: o.get(k)?.n ?? 0,
      };
    });
  }

  /** The month's candidates for stars: passed results at the rule's minimum, with their deeds. */
  async function candidates(branchIds: Id[], month: string, rule: MonthStarsRule) {
    const rows = await RatingResult.aggregate<{
      _id: Id;
      memberId: Id;
      branchId: Id;
      total: number;
      stars: number;
    }>([
      {
        $match: {
          branchId: { $in: branchIds },
          month,
          'computation.passed': true,
          'computation.total': { $gte: rule.minTotal },
        },
      },
      { $project: { memberId: 1, branchId: 1, total: '$computation.total', stars: '$after.stars' } },
    ]).exec();
    const memberIds = rows.map((x) => x.memberId);
    const [deeds, members] = await Promise.all([
      Deed.aggregate<Counted>([
        { $match: { memberId: { $in: memberIds }, status: 'verified', date: monthRange([month]) } },
        { $group: { _id: '$memberId', n: { $sum: 1 } } },
      ]).exec(),
      Member.find({ _id: { $in: memberIds } }, { realName: 1 }).lean<{ _id: Id; realName: string }[]>(),
    ]);
    const deedsOf = new Map(deeds.map((x) => [String(x._id), x.n]));
    const list: StarCandidate[] = rows.map((x) => ({
      memberId: String(x.memberId),
      branchId: String(x.branchId),
      total: x.total,
      passed: true,
      deedsVerified: deedsOf.get(String(x.memberId)) ?? 0,
      stars: x.stars ?? 0,
    }));
    list.sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
    return { list, names: Object.fromEntries(members.map((m) => [String(m._id), m.realName])) };
  }

  /** Stores an award once by its natural key; a second computation returns the first. */
  async function storeOnce<T extends CommitteeAwardRecord>(
    doc: Omit<CommitteeAwardRecord, '_id' | 'announcedAt'>,
  ): Promise<{ award: T; created: boolean }> {
    const key = { committeeId: doc.committeeId, kind: doc.kind, period: doc.period };
    const r = await CommitteeAward.updateOne(key, { $setOnInsert: doc }, { upsert: true });
    const award = (await CommitteeAward.findOne(key).lean<T>())!;
    return { award, created: r.upsertedCount === 1 };
  }

  const find = <T>(committeeId: Id, kind: AwardKind, period: string) =>
    CommitteeAward.findOne({ committeeId, kind, period }).lean<T>();

  const namesOf = (branches: BranchDoc[]) => Object.fromEntries(branches.map((b) => [String(b._id), b.name]));

  /**
   * Whether the month can be compared: every branch of the tree that ran the month has its round
   * final (a branch with no round that month takes no part), and at least one has.
   */
  async function readiness(committee: Committee, month: string) {
    const branches = await tree.treeBranches(committee);
    const rounds = await RatingRound.find(
      { branchId: { $in: branches.map((b) => b._id) }, month },
      { branchId: 1, status: 1 },
    ).lean<{ branchId: Id; status: string }[]>();
    const waiting = rounds.filter((r) => r.status !== 'final').map((r) => String(r.branchId));
    const closed = rounds.filter((r) => r.status === 'final').map((r) => String(r.branchId));
    return { branches, ready: rounds.length > 0 && waiting.length === 0, waiting, closed };
  }

  /**
   * Computes and stores the month's comparison and stars, and the red flag when the month ends
   * its period (month, or quarter by the committee's setting). Idempotent: stored answers stand.
   */
  async function compute(
    committee: Committee,
    month: string,
    opts: { branches?: BranchDoc[]; period?: RedFlagPeriod } = {},
  ): Promise<{ comparison: ComparisonAward; redFlag: RedFlagAward | null; created: boolean }> {
    const branches = opts.branches ?? branchesOfTree(await tree.tree(committee));
    const ids = branches.map((b) => b._id);
    const names = namesOf(branches);
    const now = clock();
    let comparison = await find<ComparisonAward>(committee._id, 'comparison', month);
    let created = false;
    if (!comparison) {
      const [monthFigures, cands] = await Promise.all([
        figures(ids, [month]),
        candidates(ids, month, MONTH_STARS_RULE),
      ]);
      const inputs: ComparisonInputs = {
        month,
        names,
        figures: monthFigures,
        candidates: cands.list,
        memberNames: cands.names,
        starsRule: MONTH_STARS_RULE,
      };
      const stored = await storeOnce<ComparisonAward>({
        committeeId: committee._id,
        kind: 'comparison',
        period: month,
        rules: { monthStars: MONTH_STARS_RULE.version },
        inputs,
        result: recomputeComparison(inputs),
        winnerId: null,
        computedAt: now,
      });
      comparison = stored.award;
      created ||= stored.created;
    }
    const period = redFlagPeriodEndingIn(month, opts.period ?? committee.settings?.redFlagPeriod ?? 'month');
    let redFlag: RedFlagAward | null = null;
    if (period) {
      redFlag = await find<RedFlagAward>(committee._id, 'red-flag', period);
      if (!redFlag) {
        const months = monthsOfPeriod(period);
        const previous = await CommitteeAward.findOne({
          committeeId: committee._id,
          kind: 'red-flag',
          period: { $ne: period },
        })
          .sort({ computedAt: -1 })
          .lean<RedFlagAward>();
        const inputs: RedFlagAwardInputs = {
          months,
          names,
          rule: RED_FLAG_RULE,
          figures: months.length === 1 ? comparison.inputs.figures : await figures(ids, months),
          previousHolderId: previous?.result.winnerId ?? null,
        };
        const result = recomputeRedFlag(inputs);
        const stored = await storeOnce<RedFlagAward>({
          committeeId: committee._id,
          kind: 'red-flag',
          period,
          rules: { redFlag: RED_FLAG_RULE.version },
          inputs,
          result,
          winnerId: result.winnerId ? ids.find((id) => String(id) === result.winnerId)! : null,
          computedAt: now,
        });
        redFlag = stored.award;
        created ||= stored.created;
      }
    }
    return { comparison, redFlag, created };
  }

  return {
    figures,
    readiness,
    compute,

    /** Marks an award's messages as queued (once). */
    async markAnnounced(award: CommitteeAwardRecord): Promise<void> {
      await CommitteeAward.updateOne(
        { _id: award._id, announcedAt: null },
        { $set: { announcedAt: clock() } },
      );
    },

    async comparisonOf(committeeId: string | Id, month: string): Promise<ComparisonAward | null> {
      return CommitteeAward.findOne({
        committeeId,
        kind: 'comparison',
        period: month,
      }).lean<ComparisonAward>();
    },

    /**
     * The red flag a branch holds now: its committee's latest award named it, and no later award
     * of that committee has passed the flag on. Null when it holds none.
     */
    async flagOf(branchId: Id): Promise<{ award: RedFlagAward; committee: Committee } | null> {
      const won = await CommitteeAward.findOne({ winnerId: branchId, kind: 'red-flag' })
        .sort({ computedAt: -1 })
        .lean<RedFlagAward>();
      if (!won) return null;
      const later = await CommitteeAward.exists({
        committeeId: won.committeeId,
        kind: 'red-flag',
        computedAt: { $gt: won.computedAt },
      });
      if (later) return null;
      const committee = await models.Committee.findById(won.committeeId).lean<Committee>();
      return committee?.active ? { award: won, committee } : null;
    },

    /**
     * `/redflag why`: the committee's latest (or the named period's) red flag as stored, for a
     * committee secretary or member; the explanation is read from the stored figures and rule.
     */
    async why(committee: Committee, actor: CommitteeActor, period?: string): Promise<RedFlagAward> {
      requireCommittee(actor, 'view');
      const award = period
        ? await find<RedFlagAward>(committee._id, 'red-flag', period)
        : await CommitteeAward.findOne({ committeeId: committee._id, kind: 'red-flag' })
            .sort({ computedAt: -1 })
            .lean<RedFlagAward>();
      if (!award) throw new ServiceError('error-redflag-none');
      return award;
    },
  };
}
export type CommitteeComparison = ReturnType<typeof createCommitteeComparison>;
