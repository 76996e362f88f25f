import type { Types } from 'mongoose';
import { computeMonthResult, type MonthResultInputs } from '../domain/rating-result.js';
import type { RatingRuleSet } from '../domain/rating-rules.js';
import { suggestOrgScore, type OrgScoreFacts } from '../domain/org-score.js';
import type { ScoreSheet } from '../domain/rating.js';
import type { Models } from '../db/models/index.js';
import type { MemberRecord } from '../db/models/member.js';
import type { RatingRoundRecord } from '../db/models/rating-round.js';
import type { BallotBoxRecord } from '../db/models/ballot-box.js';
import type { OrgEvaluationRecord } from '../db/models/org-evaluation.js';
import type { SelfEvaluationRecord } from '../db/models/self-evaluation.js';
import { coalesce } from './rating-batch.js';
import type { OrgFactsSource } from './rating-facts.js';

const NOT_EXACT = Symbol('not JSON-exact');

type BallotTotal = { roundId: Types.ObjectId; memberId: Types.ObjectId; total: number };
const ballotTotals = (box: Pick<BallotBoxRecord, 'roundId' | 'memberId' | 'entries'>): BallotTotal[] =>
  box.entries.map((e) => ({ roundId: box.roundId, memberId: box.memberId, total: e.total }));

/**
 * A copy of a value JSON gives back unchanged (null, booleans, strings, finite numbers other than
 * -0, and arrays and plain objects of them), or NOT_EXACT for anything else.
 */
function jsonCopy(v: unknown): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0) ? v : NOT_EXACT;
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (let i = 0; i < v.length; i++) {
      const c = i in v ? jsonCopy(v[i]) : NOT_EXACT;
      if (c === NOT_EXACT) return NOT_EXACT;
      out.push(c);
    }
    return out;
  }
  if (typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype || 'toJSON' in v)
    return NOT_EXACT;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const x = (v as Record<string, unknown>)[k];
    const c = x === undefined || k === '__proto__' ? NOT_EXACT : jsonCopy(x);
    if (c === NOT_EXACT) return NOT_EXACT;
    out[k] = c;
  }
  return out;
}

/** The value as JSON would give it back (a direct copy when that changes nothing). */
const plain = <T>(value: T): T => {
  const copy = jsonCopy(value);
  return (copy === NOT_EXACT ? JSON.parse(JSON.stringify(value)) : copy) as T;
};

const byMember = <T extends { memberId: Types.ObjectId }>(rows: T[]) =>
  new Map(rows.map((r) => [String(r.memberId), r]));

/**
 * Computes and inserts the results of the given members in one round. Inputs are read in a few
 * round-wide queries; inserts are unordered and a duplicate (another run got there first) is
 * skipped, so concurrent or repeated runs leave exactly one result per member.
 */
/** A round's evaluations, read by round id (see `evaluationReads`). */
export interface EvaluationReads {
  selfs(roundId: Types.ObjectId): Promise<SelfEvaluationRecord[]>;
  /** The ballot boxes' totals, read whole per member (no rater, no order). */
  ballots(roundId: Types.ObjectId): Promise<BallotTotal[]>;
  orgs(roundId: Types.ObjectId): Promise<OrgEvaluationRecord[]>;
}

/**
 * Evaluation reads shared by the rounds read at the same moment (closes of many branches running
 * together): one query per kind for all of them.
 */
export function evaluationReads(models: Models): EvaluationReads {
  type Box = Pick<BallotBoxRecord, 'roundId' | 'memberId' | 'entries'>;
  const boxes = coalesce(
    (roundId) =>
      models.BallotBox.find({ roundId }, { roundId: 1, memberId: 1, 'entries.total': 1 })
        .lean<Box[]>()
        .exec(),
    (r) => r.roundId,
  );
  return {
    selfs: coalesce(
      (roundId) => models.SelfEvaluation.find({ roundId }).lean<SelfEvaluationRecord[]>().exec(),
      (r) => r.roundId,
    ),
    ballots: async (roundId) => (await boxes(roundId)).flatMap(ballotTotals),
    orgs: coalesce(
      (roundId) => models.OrgEvaluation.find({ roundId }).lean<OrgEvaluationRecord[]>().exec(),
      (r) => r.roundId,
    ),
  };
}

export async function buildResults(
  deps: { models: Models; orgFacts: OrgFactsSource; evaluations?: EvaluationReads },
  job: {
    round: RatingRoundRecord;
    members: MemberRecord[] | Promise<MemberRecord[]>;
    /** The members' organisation facts when the caller already started reading them. */
    facts?: Promise<Map<string, OrgScoreFacts>>;
    rules: RatingRuleSet;
    tz: string;
    computedAt: Date;
  },
): Promise<number> {
  const { round, rules } = job;
  const reads = deps.evaluations ?? evaluationReads(deps.models);
  // One parallel step: the members (possibly still being read by the caller), every evaluation
  // of the round (rows of members not listed here are ignored) and the facts.
  const listed = Promise.resolve(job.members);
  const [members, selfs, ballots, orgs, facts] = await Promise.all([
    listed,
    reads.selfs(round._id),
    reads.ballots(round._id),
    reads.orgs(round._id),
    job.facts ??
      deps.orgFacts(
        round.branchId,
        listed.then((ms) => ms.map((m) => m._id)),
        round.month,
        job.tz,
        round.closedAt ?? job.computedAt,
      ),
  ]);
  if (members.length === 0) return 0;
  const self = byMember(selfs);
  const org = byMember(orgs);
  const ballotTotals = new Map<string, number[]>();
  for (const b of ballots) {
    const key = String(b.memberId);
    ballotTotals.set(key, [...(ballotTotals.get(key) ?? []), b.total]);
  }
  const storedRules = plain(rules);
  const docs = members.map((m) => {
    const key = String(m._id);
    const given = org.get(key);
    const organisation = given?.score ?? suggestOrgScore(facts.get(key)!, rules.orgScore).score;
    const inputs: MonthResultInputs = {
      rating: {
        self: (self.get(key)?.sheet as ScoreSheet | undefined) ?? null,
        massesBallotTotals: (ballotTotals.get(key) ?? []).sort((a, b) => a - b),
        organisation,
      },
      rules,
      before: {
        stars: m.stars ?? 0,
        plateOn: m.plateOn ?? true,
        titleHeld: m.titleHeld ?? false,
        consecutiveFails: m.consecutiveFails ?? 0,
        consecutivePasses: m.consecutivePasses ?? 0,
      },
      yearEnd: round.month.endsWith('-12'),
    };
    return {
      branchId: round.branchId,
      month: round.month,
      memberId: m._id,
      roundId: round._id,
      // Stored as JSON would give it back (what a recompute reads); the rule set is the same
      // for the whole round, so it is converted once.
      inputs: {
        rating: plain(inputs.rating),
        rules: storedRules,
        before: plain(inputs.before),
        yearEnd: inputs.yearEnd,
      } as MonthResultInputs,
      ...computeMonthResult(inputs),
      orgSource: given ? 'reviewer' : 'suggested',
      status: 'provisional',
      computedAt: job.computedAt,
    };
  });
  // Every document has the same shape, built above from typed values: the schema validates the
  // first one and the rest go in lean (hydrating and validating 30 documents per branch was most
  // of the close's client time). Timestamps and version key are set as Mongoose would.
  const { models } = deps;
  await new models.RatingResult(docs[0]).validate();
  const now = new Date();
  const rows = docs.map((d) => ({ ...d, createdAt: now, updatedAt: now, __v: 0 }));
  try {
    const inserted = await models.RatingResult.insertMany(rows, {
      ordered: false,
      rawResult: true,
      lean: true,
    });
    return inserted.insertedCount;
  } catch (err) {
    const e = err as {
      code?: number;
      insertedDocs?: unknown[];
      result?: { insertedCount?: number };
      writeErrors?: { code: number }[];
    };
    const errors = e.writeErrors ?? [];
    if (errors.length > 0 && errors.every((w) => w.code === 11000)) return docs.length - errors.length;
    throw err;
  }
}
