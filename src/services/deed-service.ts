import { Types } from 'mongoose';
import { transitionDeed, validateDeed, type Deed, type DeedDraft, type DeedEvent } from '../domain/deed.js';
import { unwrap } from '../domain/errors.js';
import type { Models } from '../db/models/index.js';
import type { BranchDoc as Branch } from '../db/models/branch.js';
import type { DeedRecord } from '../db/models/deed.js';
import type { MemberRecord as Member } from '../db/models/member.js';
import type { PledgeItemRecord } from '../db/models/pledge-item.js';
import { createAudit } from './audit.js';
import { settingsOf } from './branch-settings.js';
import { ServiceError } from './errors.js';
import { recordOf, type Actor } from './authorize.js';
import { createTransition } from './transition.js';

export type { DeedRecord };
const OID = /^[0-9a-f]{24}$/;

function toDomain(doc: DeedRecord): Deed {
  const { what, date, forWhom, peopleHelped, photoFileId, status, verifiedAt, rejectedAt, reason } = doc;
  return {
    id: doc._id.toString(),
    memberId: doc.memberId.toString(),
    what,
    date,
    forWhom,
    peopleHelped,
    ...(doc.pledgeItemId && { pledgeItemId: doc.pledgeItemId.toString() }),
    ...(photoFileId && { photoFileId }),
    status,
    verifiedAt,
    rejectedAt,
    reason,
  } as Deed;
}

/** One deed, one record (一件事一记录): report, edit or withdraw while pending, review by the secretary. */
export function createDeedService({ models, clock }: { models: Models; clock: () => Date }) {
  const { Deed, PledgeItem } = models;
  const transition = createTransition(createAudit(models, clock));

  async function byId(branch: Branch | undefined, deedId: string) {
    if (!OID.test(deedId)) return null;
    return Deed.findOne(branch ? { _id: deedId, branchId: branch._id } : { _id: deedId }).lean<DeedRecord>();
  }

  /** The pledge item must be one of the member's accepted items; returns the fields to store. */
  async function itemFields(member: Member, draft: DeedDraft) {
    const { pledgeItemId, ...rest } = draft;
    if (pledgeItemId === undefined) return { set: rest, unset: { pledgeItemId: 1 } };
    const item = OID.test(pledgeItemId)
      ? await PledgeItem.findOne({ _id: pledgeItemId, memberId: member._id }).lean<PledgeItemRecord>()
      : null;
    if (!item || !['approved', 'claimed', 'done'].includes(item.status))
      throw new ServiceError('error-action-unavailable');
    return { set: { ...rest, pledgeItemId: item._id }, unset: {} };
  }

  /** The domain rule as an update: the deed's next state, or the refusal a person sees. */
  function next(deed: DeedRecord, event: DeedEvent, extra: Record<string, unknown> = {}) {
    const result = transitionDeed(toDomain(deed), event, clock());
    if (!result.ok) {
      if (result.error.key === 'error-deed-transition') throw new ServiceError('error-action-unavailable');
      if (result.error.key === 'error-deed-not-owner') throw new ServiceError('error-not-owner');
      throw result.error;
    }
    const { status, verifiedAt, rejectedAt, reason } = result.value as Deed &
      Partial<Record<'verifiedAt' | 'rejectedAt' | 'reason', unknown>>;
    return {
      $set: {
        status,
        ...(verifiedAt !== undefined && { verifiedAt }),
        ...(rejectedAt !== undefined && { rejectedAt }),
        ...(reason !== undefined && { reason }),
        ...extra,
      },
    };
  }

  /** The same rules as the dialog, checked again here: dates never in the future (branch zone), lengths, counts. */
  function clean(branch: Branch, draft: DeedDraft): DeedDraft {
    return unwrap(validateDeed(draft, clock(), settingsOf(branch).timeZone));
  }

  return {
    byId,

    /** Records a deed of an active member of the branch; it awaits review. */
    async report(branch: Branch, member: Member, draft: DeedDraft): Promise<DeedRecord> {
      if (!member.branchId.equals(branch._id) || member.status !== 'active')
        throw new ServiceError('error-not-member');
      const { set } = await itemFields(member, clean(branch, draft));
      const created = await Deed.create({
        ...set,
        branchId: branch._id,
        memberId: member._id,
        userId: member.userId,
        status: 'pending',
      });
      return created.toObject() as DeedRecord;
    },

    /** The author replaces the fields of a deed still awaiting review. */
    async edit(member: Member, deedId: string, draft: DeedDraft): Promise<DeedRecord> {
      return transition({
        model: Deed,
        before: await byId(undefined, deedId),
        change: async (deed) => {
          next(deed, { type: 'edit', actorMemberId: member._id.toString(), draft });
          const branch = await models.Branch.findById(member.branchId).lean<Branch>();
          if (!branch) throw new ServiceError('error-action-unavailable');
          const { set, unset } = await itemFields(member, clean(branch, draft));
          const unsetAll = { ...unset, ...(draft.photoFileId === undefined && { photoFileId: 1 }) };
          return Object.keys(unsetAll).length > 0 ? { $set: set, $unset: unsetAll } : { $set: set };
        },
      });
    },

    /** Remembers the message that shows the deed, so each later change edits it in place. */
    async attachPost(deedId: Types.ObjectId, chatId: number, messageId: number): Promise<void> {
      await Deed.updateOne({ _id: deedId }, { $set: { post: { chatId, messageId } } });
    },

    /** The author withdraws a deed still awaiting review. */
    async withdraw(userId: number, deedId: string): Promise<DeedRecord> {
      const deed = await byId(undefined, deedId);
      if (deed && deed.userId !== userId) throw new ServiceError('error-not-owner');
      return transition({
        model: Deed,
        before: deed,
        change: (d) => next(d, { type: 'withdraw', actorMemberId: d.memberId.toString() }),
      });
    },

    /** The secretary or a committee member verifies a deed or rejects it with a reason. */
    async review(branch: Branch, actor: Actor, deedId: string, decision: 'verify' | 'reject', reason = '') {
      const before = await byId(branch, deedId);
      const event: DeedEvent = decision === 'verify' ? { type: 'verify' } : { type: 'reject', reason };
      return transition({
        model: Deed,
        before,
        policy: { actor, action: 'reviewDeed', record: before ? recordOf(branch, before.userId) : undefined },
        change: (deed) => next(deed, event, { reviewedBy: actor.userId }),
        audit: { branchId: branch._id, actorId: actor.userId, action: `deed.${decision}`, target: deedId },
      });
    },

    async pending(branch: Branch): Promise<DeedRecord[]> {
      return Deed.find({ branchId: branch._id, status: 'pending' }).sort({ _id: 1 }).lean<DeedRecord[]>();
    },

    /** A member's deeds, newest first: all of them, or only the verified ones (对标记录卡). */
    async ofMember(memberId: Types.ObjectId, onlyVerified = false, limit = 50): Promise<DeedRecord[]> {
      const filter = onlyVerified ? { memberId, status: 'verified' as const } : { memberId };
      return Deed.find(filter).sort({ date: -1, _id: -1 }).limit(limit).lean<DeedRecord[]>();
    },
  };
}
export type DeedService = ReturnType<typeof createDeedService>;
