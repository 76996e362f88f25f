import type { Types } from 'mongoose';
import { startOfLocalDay } from '../domain/dates.js';
import { unwrap } from '../domain/errors.js';
import {
  handleFeedback,
  validateFeedback,
  visibleToMember,
  type Feedback,
  type FeedbackKind,
} from '../domain/feedback.js';
import type { Models } from '../db/models/index.js';
import type { BranchDoc as Branch } from '../db/models/branch.js';
import type { FeedbackRecord } from '../db/models/feedback.js';
import type { MemberRecord as Member } from '../db/models/member.js';
import { createAudit } from './audit.js';
import { settingsOf } from './branch-settings.js';
import { ServiceError } from './errors.js';
import { authorize, recordOf, type Actor } from './authorize.js';
import { createTransition } from './transition.js';

export type { FeedbackRecord };
const OID = /^[0-9a-f]{24}$/;

function toDomain(doc: FeedbackRecord): Feedback {
  const author = doc.anonymous
    ? { anonymous: true as const }
    : { anonymous: false as const, senderUserId: doc.senderUserId ?? 0 };
  const base = {
    id: doc._id.toString(),
    kind: doc.kind,
    text: doc.text,
    author,
    ...(doc.memberId && { aboutMemberId: doc.memberId.toString() }),
  };
  return doc.status === 'open'
    ? { ...base, status: 'open' }
    : { ...base, status: 'handled', outcome: doc.outcome ?? '', handledAt: doc.handledAt ?? new Date(0) };
}

/** The feedback book (意见簿): anyone leaves praise, a suggestion or a complaint; the secretary handles it. */
export function createFeedbackService({ models, clock }: { models: Models; clock: () => Date }) {
  const { Feedback, Member } = models;
  const transition = createTransition(createAudit(models, clock));

  async function about(branch: Branch, actor: Actor, memberId: string): Promise<Member> {
    if (!branch.active) throw new ServiceError('error-branch-inactive');
    const member = OID.test(memberId)
      ? await Member.findOne({ _id: memberId, branchId: branch._id, status: 'active' }).lean<Member>()
      : null;
    if (!member) throw new ServiceError('error-action-unavailable');
    authorize(actor, 'leaveFeedback', recordOf(branch, member.userId));
    return member;
  }

  return {
    /**
     * Whom an entry may be about: an active member of the branch other than the writer (nobody
     * writes about themselves: the policy's own-record rule). Asked when the member is chosen, so
     * a refusal comes before any text is typed, and again when the entry is stored.
     */
    checkAbout: about,

    /**
     * Stores new feedback. The writer (`actor`) is asked by the policy and, for a named entry, is
     * the sender; for an anonymous one the domain rule drops the sender's id, so it never reaches
     * the store. Nothing else is written (no audit entry, no user record), the entry's time is the
     * day only and its id is random, so no stored time or order leads back to the sender. Anyone may
     * write with a branch and optionally a member (the group's link, the plate's QR code): being in
     * the group is not required.
     */
    async leave(
      branch: Branch,
      actor: Actor,
      input: { kind: FeedbackKind; text: string; anonymous: boolean; memberId?: string },
    ): Promise<FeedbackRecord> {
      const member = input.memberId !== undefined ? await about(branch, actor, input.memberId) : null;
      const draft = unwrap(
        validateFeedback({ ...input, senderUserId: actor.userId, aboutMemberId: member?._id.toString() }),
      );
      const created = await Feedback.create({
        branchId: branch._id,
        kind: draft.kind,
        text: draft.text,
        anonymous: draft.author.anonymous,
        ...(!draft.author.anonymous && { senderUserId: draft.author.senderUserId }),
        ...(member && { memberId: member._id }),
        status: 'open',
        createdAt: startOfLocalDay(clock(), settingsOf(branch).timeZone),
      });
      return created.toObject() as FeedbackRecord;
    },

    async byId(branch: Branch | undefined, id: string): Promise<FeedbackRecord | null> {
      if (!OID.test(id)) return null;
      return Feedback.findOne(
        branch ? { _id: id, branchId: branch._id } : { _id: id },
      ).lean<FeedbackRecord>();
    },

    /** The secretary records the outcome (and for a complaint whether it was upheld); the entry is closed. */
    async handle(branch: Branch, actor: Actor, id: string, outcome: string, upheld?: boolean) {
      const before = OID.test(id)
        ? await Feedback.findOne({ _id: id, branchId: branch._id }).lean<FeedbackRecord>()
        : null;
      const about = before?.memberId ? await Member.findById(before.memberId).lean<Member>() : null;
      return transition({
        model: Feedback,
        before,
        policy: {
          actor,
          action: 'handleFeedback',
          record: about ? recordOf(branch, about.userId) : undefined,
        },
        from: ['open'],
        change: (entry) => {
          const upholds = entry.kind === 'complaint' ? (upheld ?? false) : undefined;
          const next = unwrap(handleFeedback(toDomain(entry), outcome, clock(), upholds));
          if (next.status !== 'handled') throw new ServiceError('error-action-unavailable');
          return {
            $set: {
              status: 'handled',
              outcome: next.outcome,
              handledAt: next.handledAt,
              handledBy: actor.userId,
              ...(next.upheld !== undefined && { upheld: next.upheld }),
            },
          };
        },
        audit: { branchId: branch._id, actorId: actor.userId, action: 'feedback.handle', target: id },
      });
    },

    async open(branch: Branch): Promise<FeedbackRecord[]> {
      // Ids are random: the day orders entries, nothing finer is kept.
      return Feedback.find({ branchId: branch._id, status: 'open' })
        .sort({ createdAt: 1, _id: 1 })
        .lean<FeedbackRecord[]>();
    },

    /** What the member may see about themselves: praise, and complaints once handled. */
    async aboutMember(memberId: Types.ObjectId, limit = 30): Promise<FeedbackRecord[]> {
      const all = await Feedback.find({ memberId, kind: { $in: ['praise', 'complaint'] } })
        .sort({ createdAt: -1, _id: -1 })
        .limit(limit * 2)
        .lean<FeedbackRecord[]>();
      return all.filter(visibleToMember).slice(0, limit);
    },
  };
}
export type FeedbackService = ReturnType<typeof createFeedbackService>;
