import type { Types } from 'mongoose';
import {
  APPRAISAL_CATEGORIES,
  APPRAISAL_RULES,
  suggestAppraisal,
  type AppraisalCategory,
} from '../domain/appraisal.js';
import { localDate } from '../domain/dates.js';
import { unwrap } from '../domain/errors.js';
import { validateText } from '../domain/text.js';
import type { AppraisalRecord } from '../db/models/appraisal.js';
import type { MemberRecord } from '../db/models/member.js';
import { createAudit } from './audit.js';
import { ServiceError } from './errors.js';
import { authorize, recordOf, type Actor } from './authorize.js';
import { branchWithSettings, type RatingDeps } from './rating-round-support.js';
import { memberYears } from './year-results.js';

/** One line of the appraisal table: the record and the member's name. */
export interface AppraisalRow {
  readonly record: AppraisalRecord;
  readonly name: string;
  readonly userId: number;
}

/** The year an appraisal started now is about: December's is this year's, before it last year's. */
export function appraisalYear(now: Date, tz: string): number {
  const today = localDate(now, tz);
  const year = Number(today.slice(0, 4));
  return today.slice(5, 7) === '12' ? year : year - 1;
}

/**
 * The annual democratic appraisal (年度民主评议) of a branch, run by its secretary: suggestions by
 * the versioned rule (src/domain/appraisal.ts) from the year's final monthly results and the
 * pledge items overdue at the year's end; changes with a reason; publication once. Every change
 * and the publication are audited.
 */
export function createAppraisalService({ models, clock }: RatingDeps) {
  const audit = createAudit(models, clock);

  async function rows(branchId: Types.ObjectId, year: number): Promise<AppraisalRow[]> {
    const records = await models.Appraisal.find({ branchId, year }).lean<AppraisalRecord[]>();
    const members = await models.Member.find({ _id: { $in: records.map((r) => r.memberId) } })
      .select({ realName: 1, userId: 1 })
      .lean<Pick<MemberRecord, '_id' | 'realName' | 'userId'>[]>();
    const byId = new Map(members.map((m) => [String(m._id), m]));
    const order = (c: AppraisalCategory | null) => (c === null ? 9 : APPRAISAL_CATEGORIES.indexOf(c));
    return records
      .map((record) => {
        const m = byId.get(String(record.memberId));
        return { record, name: m?.realName ?? '', userId: m?.userId ?? 0 };
      })
      .sort(
        (a, b) => order(a.record.category) - order(b.record.category) || a.name.localeCompare(b.name, 'zh'),
      );
  }

  return {
    /**
     * The year's table, prepared on first use: a suggestion for every active member (a member
     * already in the table keeps a changed category; the suggestion itself is refreshed from the
     * stored results until publication). Only the secretary.
     */
    async prepare(branchId: Types.ObjectId, actor: Actor, year: number) {
      const { branch, settings } = await branchWithSettings(models, branchId);
      authorize(actor, 'appraise');
      const published = await models.Appraisal.exists({ branchId, year, status: 'published' });
      if (!published) {
        const years = await memberYears(models, branchId, year);
        const yearEnd = `${year + 1}-01-01`;
        const today = localDate(clock(), settings.timeZone);
        const overdue = await models.PledgeItem.aggregate<{ _id: Types.ObjectId; n: number }>([
          {
            $match: {
              branchId,
              status: { $in: ['approved', 'claimed'] },
              dueDate: { $lt: today < yearEnd ? today : yearEnd },
            },
          },
          { $group: { _id: '$memberId', n: { $sum: 1 } } },
        ]).exec();
        const overdueOf = new Map(overdue.map((o) => [String(o._id), o.n]));
        const rules = { ...APPRAISAL_RULES, excellentMaxShare: 1 / settings.excellentOneIn };
        const suggestions = suggestAppraisal(
          years.map(({ member: m, months }) => ({
            memberId: String(m._id),
            probationary: m.membership === 'probationary',
            months,
            overdueItems: overdueOf.get(String(m._id)) ?? 0,
          })),
          rules,
        );
        for (const s of suggestions) {
          const figures = {
            rated: s.rated,
            fails: s.fails,
            average: s.average,
            overdueItems: overdueOf.get(s.memberId) ?? 0,
            excellentOneIn: settings.excellentOneIn,
          };
          const common = {
            suggested: s.category,
            reason: s.reason,
            figures,
            ruleVersion: APPRAISAL_RULES.version,
          };
          const key = { branchId, year, memberId: s.memberId, status: 'draft' as const };
          // A changed category stays; an unchanged one follows the refreshed suggestion.
          await models.Appraisal.updateOne({ ...key, change: { $exists: true } }, { $set: common });
          await models.Appraisal.updateOne(
            { ...key, change: { $exists: false } },
            { $set: { ...common, category: s.category } },
            { upsert: true },
          ).catch((err: unknown) => {
            // Two prepares at once: the other one inserted it (unique key); its values are the same.
            if ((err as { code?: number }).code !== 11000) throw err;
          });
        }
      }
      return { branch, year, published: Boolean(published), rows: await rows(branchId, year) };
    },

    /** The secretary changes one member's category, with a reason (audited). Not after publication. */
    async change(
      branchId: Types.ObjectId,
      actor: Actor,
      appraisalId: string,
      category: AppraisalCategory,
      reasonText: string,
    ) {
      const actorId = actor.userId;
      const { branch } = await branchWithSettings(models, branchId);
      authorize(actor, 'appraise');
      if (!APPRAISAL_CATEGORIES.includes(category)) throw new ServiceError('error-action-unavailable');
      const reason = unwrap(validateText('override-reason', reasonText));
      const before = await models.Appraisal.findOne({ _id: appraisalId, branchId }).lean<AppraisalRecord>();
      if (!before || before.status !== 'draft') throw new ServiceError('error-appraisal-published');
      if (before.suggested === null) throw new ServiceError('error-appraisal-probationary');
      const member = await models.Member.findById(before.memberId).lean<MemberRecord>();
      // Nobody decides their own category (the policy's "not on their own record").
      authorize(actor, 'appraise', recordOf(branch, member?.userId ?? 0));
      const change = { byUserId: actorId, reason, at: clock() };
      const done = await models.Appraisal.updateOne(
        { _id: before._id, status: 'draft' },
        { $set: { category, change } },
      );
      if (done.modifiedCount !== 1) throw new ServiceError('error-appraisal-published');
      await audit({
        branchId,
        actorId,
        action: 'appraisal.change',
        target: String(before.memberId),
        before: { category: before.category },
        after: { category, reason },
      });
      return { year: before.year, name: member?.realName ?? '' };
    },

    /** Publishes the year's table once (audited); returns the rows to announce, or null if already done. */
    async publish(branchId: Types.ObjectId, actor: Actor, year: number) {
      const actorId = actor.userId;
      const { branch } = await branchWithSettings(models, branchId);
      authorize(actor, 'appraise');
      const now = clock();
      const done = await models.Appraisal.updateMany(
        { branchId, year, status: 'draft' },
        { $set: { status: 'published', publishedAt: now } },
      );
      if (done.modifiedCount === 0) return null;
      const table = await rows(branchId, year);
      await audit({
        branchId,
        actorId,
        action: 'appraisal.publish',
        target: String(year),
        after: table.map((r) => ({ memberId: String(r.record.memberId), category: r.record.category })),
      });
      return { branch, rows: table };
    },

    /** One member's line by its id, with the member's name. */
    async find(appraisalId: string) {
      if (!/^[0-9a-f]{24}$/.test(appraisalId)) return null;
      const record = await models.Appraisal.findById(appraisalId).lean<AppraisalRecord>();
      if (!record) return null;
      const member = await models.Member.findById(record.memberId)
        .select({ realName: 1 })
        .lean<MemberRecord>();
      return { record, name: member?.realName ?? '' };
    },

    /** The table as stored (for the export and the private view after publication). */
    rows,
  };
}
export type AppraisalService = ReturnType<typeof createAppraisalService>;
