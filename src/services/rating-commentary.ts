import type { Types } from 'mongoose';
import { quarterBefore, quarterKey } from '../domain/calendar.js';
import { localDate } from '../domain/dates.js';
import { unwrap } from '../domain/errors.js';
import { validateText } from '../domain/text.js';
import type { MemberRecord } from '../db/models/member.js';
import { ServiceError } from './errors.js';
import { branchWithSettings, type RatingDeps } from './rating-round-support.js';
import { authorize, recordOf, type Actor } from './authorize.js';

/**
 * The quarter a comment written now is about: in a quarter's first month the one just ended
 * (the reminder comes then), later the current one. '2026Q3'.
 */
export function commentaryQuarter(now: Date, tz: string): string {
  const month = localDate(now, tz).slice(0, 7);
  const firstMonth = (Number(month.slice(5, 7)) - 1) % 3 === 0;
  return firstMonth ? quarterBefore(month) : quarterKey(month);
}

/** Leader commentary (领导点评) by the secretary: one per member and quarter, in the commentary ledger. */
export function createRatingCommentary({ models, clock }: RatingDeps) {
  return {
    /** The quarter and the active members still without a comment for it. */
    async pending(branchId: Types.ObjectId, actor: Actor) {
      const { settings } = await branchWithSettings(models, branchId);
      authorize(actor, 'writeCommentary');
      const quarter = commentaryQuarter(clock(), settings.timeZone);
      const done = await models.Commentary.find({ branchId, quarter }, { memberId: 1 }).lean();
      const doneIds = new Set(done.map((d) => String(d.memberId)));
      const members = await models.Member.find({ branchId, status: 'active' })
        .sort({ realName: 1 })
        .lean<MemberRecord[]>();
      // Nobody comments on themselves: the secretary is not listed.
      const left = members.filter((m) => !doneIds.has(String(m._id)) && m.userId !== actor.userId);
      return { quarter, members: left };
    },

    /** Writes (or rewrites) a member's comment for the quarter; returns the member to send it to. */
    async write(branchId: Types.ObjectId, actor: Actor, memberId: string, text: string) {
      const actorId = actor.userId;
      const { branch, settings } = await branchWithSettings(models, branchId);
      authorize(actor, 'writeCommentary');
      const member = await models.Member.findOne({ _id: memberId, branchId }).lean<MemberRecord>();
      if (!member) throw new ServiceError('error-not-member');
      authorize(actor, 'writeCommentary', recordOf(branch, member.userId));
      const valid = unwrap(validateText('comment', text));
      const quarter = commentaryQuarter(clock(), settings.timeZone);
      await models.Commentary.updateOne(
        { branchId, memberId: member._id, quarter },
        { $set: { text: valid, byUserId: actorId } },
        { upsert: true },
      );
      return { member, quarter, text: valid };
    },

    /** The ledger of a member, newest first. */
    async ledger(branchId: Types.ObjectId, memberId: Types.ObjectId) {
      return models.Commentary.find({ branchId, memberId }).sort({ quarter: -1 }).lean();
    },
  };
}
