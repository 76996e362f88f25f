import type { Types } from 'mongoose';
import { addDays } from '../domain/dates.js';
import { instantAt } from '../domain/calendar.js';
import { localDate } from '../domain/dates.js';
import { ruleSetFromSettings } from '../domain/rating-rules.js';
import type { BranchSettings } from '../domain/settings.js';
import type { BranchDoc } from '../db/models/branch.js';
import type { MemberRecord } from '../db/models/member.js';
import type { RatingResultRecord } from '../db/models/rating-result.js';
import type { RatingRoundRecord } from '../db/models/rating-round.js';
import { ServiceError } from './errors.js';
import { orgFactsFromStore, type OrgFactsSource } from './rating-facts.js';
import { coalesce, coalesceBy } from './rating-batch.js';
import { buildResults, evaluationReads } from './rating-results.js';
import { branchWithSettings, isDuplicateKey, withSettings, type RatingDeps } from './rating-round-support.js';
import { authorize, type Actor } from './authorize.js';

/**
 * The end of the objection window of a round closed at `asOf`: `objectionWindowDays` after the
 * local closing date, at the closing hour. Cached (time-zone arithmetic is a visible cost when
 * thousands of branches close at the same instant); each caller gets its own Date.
 */
const deadlines = new Map<string, number>();
function objectionDeadline(
  asOf: Date,
  s: Pick<BranchSettings, 'timeZone' | 'objectionWindowDays' | 'roundCloseHour'>,
): Date {
  const key = `${asOf.getTime()}|${s.timeZone}|${s.objectionWindowDays}|${s.roundCloseHour}`;
  let at = deadlines.get(key);
  if (at === undefined) {
    const date = addDays(localDate(asOf, s.timeZone), s.objectionWindowDays);
    at = instantAt(date, s.roundCloseHour, s.timeZone).getTime();
    if (deadlines.size >= 256) deadlines.clear();
    deadlines.set(key, at);
  }
  return new Date(at);
}

/** Round lifecycle: open → provisional (close, 公示 with objections) → final. Idempotent throughout. */
export function createRatingService(deps: RatingDeps & { orgFacts?: OrgFactsSource }) {
  const { models } = deps;
  const orgFacts = deps.orgFacts ?? orgFactsFromStore(models);
  // Reads shared by the closes running at the same moment (see coalesce).
  const evaluations = evaluationReads(models);
  const branches = coalesce(
    (_id) => models.Branch.find({ _id }).lean<BranchDoc[]>().exec(),
    (b) => b._id,
  );
  const activeMembers = coalesceBy((confirmedBy) =>
    coalesce(
      (branchId) =>
        models.Member.find({
          branchId,
          status: 'active',
          confirmedAt: { $lte: new Date(Number(confirmedBy)) },
        })
          .lean<MemberRecord[]>()
          .exec(),
      (m) => m.branchId,
    ),
  );

  /** Opens the month's round; a second call changes nothing and says `created: false`. */
  async function open(branchId: Types.ObjectId, month: string, opts: { asOf: Date; by?: Actor }) {
    await branchWithSettings(models, branchId);
    if (opts.by !== undefined) authorize(opts.by, 'openRound', { ownerId: 0, branchId: String(branchId) });
    try {
      const doc = await models.RatingRound.create({
        branchId,
        month,
        status: 'open',
        openedAt: opts.asOf,
        ...(opts.by !== undefined && { openedBy: opts.by.userId }),
      });
      return { round: doc.toObject() as RatingRoundRecord, created: true };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const round = (await models.RatingRound.findOne({ branchId, month }).lean<RatingRoundRecord>())!;
    return { round, created: false };
  }

  /**
   * Closes the round (by schedule or early by the secretary) and computes every active member's
   * provisional result. Resumable: results are keyed by (branch, month, member) and only the
   * missing ones are computed, so a run after a crash finishes the job and a second run adds nothing.
   */
  async function close(branchId: Types.ObjectId, month: string, opts: { asOf: Date; by?: Actor }) {
    const { settings } = withSettings((await branches(branchId))[0]);
    if (opts.by !== undefined) authorize(opts.by, 'closeRound', { ownerId: 0, branchId: String(branchId) });
    const closing = {
      status: 'provisional',
      closedAt: opts.asOf,
      objectionDeadline: objectionDeadline(opts.asOf, settings),
      ...(opts.by !== undefined && { closedBy: opts.by.userId }),
    };
    const readMembers = (closedAt: Date) => activeMembers(String(closedAt.getTime()), branchId);
    // The members and the organisation facts do not depend on the round, so they are read while
    // it turns provisional (the facts are counted once the members to compute are known); the
    // evaluations are read after, when no more can be recorded.
    const early = readMembers(opts.asOf);
    let toCompute!: { resolve(ids: Types.ObjectId[]): void; reject(err: unknown): void };
    const ids = new Promise<Types.ObjectId[]>((resolve, reject) => (toCompute = { resolve, reject }));
    const facts = orgFacts(branchId, ids, month, settings.timeZone, opts.asOf);
    // Both are awaited below, where a rejection surfaces; until then it must not count as unhandled.
    void Promise.allSettled([early, facts]);
    try {
      // Usually one round trip: the open round turns provisional. A round closed before (or never
      // opened) is fetched, or created closed, and only its missing results are computed.
      const transitioned = await models.RatingRound.findOneAndUpdate(
        { branchId, month, status: 'open' },
        { $set: closing },
        { returnDocument: 'after' },
      ).lean<RatingRoundRecord>();
      const round =
        transitioned ??
        (await models.RatingRound.findOneAndUpdate(
          { branchId, month },
          { $setOnInsert: { branchId, month, openedAt: opts.asOf, ...closing } },
          { upsert: true, returnDocument: 'after' },
        ).lean<RatingRoundRecord>())!;
      // A round closed earlier counts the members confirmed by its own closing time.
      const closedAt = round.closedAt ?? opts.asOf;
      const sameClose = closedAt.getTime() === opts.asOf.getTime();
      const members = sameClose ? early : readMembers(closedAt);
      // Results appear only after the round turned provisional: none exist if this call turned it.
      const done = transitioned
        ? Promise.resolve([])
        : models.RatingResult.find({ branchId, month }, { memberId: 1 }).lean().exec();
      const missing = Promise.all([members, done]).then(([all, rows]) => {
        const doneIds = new Set(rows.map((r) => String(r.memberId)));
        return all.filter((m) => !doneIds.has(String(m._id)));
      });
      missing.then((ms) => toCompute.resolve(ms.map((m) => m._id)), toCompute.reject);
      const rules = ruleSetFromSettings(settings);
      // The members are read together with the round's evaluations (one round trip).
      const created = await buildResults(
        { models, orgFacts, evaluations },
        // Overdue items are judged as of the round's own close: a resumed close reads them again.
        {
          round,
          members: missing,
          ...(sameClose && { facts }),
          rules,
          tz: settings.timeZone,
          computedAt: opts.asOf,
        },
      );
      return { round, created, total: (await members).length };
    } catch (err) {
      toCompute.reject(err);
      throw err;
    }
  }

  /**
   * After the objection window, with no objection open, the results become final: each member's
   * stars and plate are set to the result's values (absolute, so running twice is harmless).
   */
  async function finalize(branchId: Types.ObjectId, month: string, opts: { asOf: Date; force?: boolean }) {
    const round = await models.RatingRound.findOne({ branchId, month }).lean<RatingRoundRecord>();
    if (!round) throw new ServiceError('error-round-not-found', { month });
    if (round.status === 'final') return { finalized: false, alreadyFinal: true };
    if (round.status !== 'provisional') return { finalized: false, alreadyFinal: false };
    if (!opts.force && round.objectionDeadline && opts.asOf < round.objectionDeadline)
      return { finalized: false, alreadyFinal: false };
    const open = await models.Objection.countDocuments({ roundId: round._id, status: 'open' });
    if (open > 0) return { finalized: false, alreadyFinal: false, openObjections: open };
    const results = await models.RatingResult.find({ branchId, month }).lean<RatingResultRecord[]>();
    for (const r of results) {
      await models.Member.updateOne({ _id: r.memberId }, { $set: { ...r.after } });
    }
    await models.RatingResult.updateMany({ branchId, month }, { $set: { status: 'final' } });
    await models.RatingRound.updateOne(
      { _id: round._id, status: 'provisional' },
      { $set: { status: 'final', finalizedAt: opts.asOf } },
    );
    return { finalized: true, alreadyFinal: false };
  }

  return {
    open,
    close,
    finalize,
    async round(branchId: Types.ObjectId, month: string) {
      return models.RatingRound.findOne({ branchId, month }).lean<RatingRoundRecord>();
    },
    async results(branchId: Types.ObjectId, month: string) {
      return models.RatingResult.find({ branchId, month })
        .sort({ 'computation.total': -1 })
        .lean<RatingResultRecord[]>();
    },
  };
}
export type RatingService = ReturnType<typeof createRatingService>;
