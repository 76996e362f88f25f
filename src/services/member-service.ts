import type { Types } from 'mongoose';
import { transitionMember, type MemberCard } from '../domain/member.js';
import type { Models } from '../db/models/index.js';
import type { MemberRecord } from '../db/models/member.js';
import type { BranchDoc as Branch } from '../db/models/branch.js';
import { unwrap } from '../domain/errors.js';
import { createAudit } from './audit.js';
import type { Actor } from './authorize.js';
import { createTransition } from './transition.js';

export type Member = MemberRecord;

/** Registration and cards of a branch's members (亮身份). */
export function createMemberService({ models, clock }: { models: Models; clock: () => Date }) {
  const { Member } = models;
  const transition = createTransition(createAudit(models, clock));

  async function byId(branchId: Types.ObjectId, memberId: string): Promise<Member | null> {
    if (!/^[0-9a-f]{24}$/.test(memberId)) return null;
    return Member.findOne({ _id: memberId, branchId }).lean<Member>();
  }

  return {
    byId,
    async ofUser(branchId: Types.ObjectId, userId: number): Promise<Member | null> {
      return Member.findOne({ branchId, userId }).lean<Member>();
    },
    /** The user's cards: in one branch (from its group) or in every branch (from the private chat). */
    async cardsOfUser(userId: number, chatId?: number) {
      // Members first (indexed by user), then only their branches: never a scan of every branch.
      const members = await Member.find({ userId, status: { $ne: 'left' } }).lean<Member[]>();
      const chatFilter = chatId === undefined ? {} : { $or: [{ chatId }, { formerChatIds: chatId }] };
      const branches = await models.Branch.find({
        _id: { $in: members.map((m) => m.branchId) },
        ...chatFilter,
      }).lean<Branch[]>();
      return members.flatMap((member) => {
        const branch = branches.find((b) => b._id.equals(member.branchId));
        return branch ? [{ member, branch }] : [];
      });
    },
    /** Registrations waiting for the secretary's confirmation, oldest first (for /pending). */
    async pendingRegistrations(branchId: Types.ObjectId): Promise<Member[]> {
      return Member.find({ branchId, status: 'pending-confirmation' })
        .sort({ submittedAt: 1 })
        .lean<Member[]>();
    },
    async active(branchId: Types.ObjectId): Promise<Member[]> {
      return Member.find({ branchId, status: 'active' }).sort({ stars: -1, confirmedAt: 1 }).lean<Member[]>();
    },

    /**
     * Saves a card from the join dialog. A newcomer (or a returning member) awaits the secretary's
     * confirmation; an active member's edit takes effect at once. Returns whether it needs review.
     */
    async submitCard(branchId: Types.ObjectId, userId: number, card: MemberCard) {
      const now = clock();
      const existing = await Member.findOne({ branchId, userId }).lean<Member>();
      if (existing?.status === 'active') {
        const after = await Member.findOneAndUpdate(
          { _id: existing._id },
          { $set: card },
          { returnDocument: 'after' },
        ).lean<Member>();
        return { member: after!, needsReview: false, edited: true };
      }
      if (existing?.status === 'left') unwrap(transitionMember('left', 'rejoin'));
      const after = await Member.findOneAndUpdate(
        { branchId, userId },
        {
          $set: { ...card, status: 'pending-confirmation', submittedAt: now },
          $setOnInsert: { branchId, userId },
        },
        { upsert: true, returnDocument: 'after' },
      ).lean<Member>();
      return { member: after!, needsReview: true, edited: false };
    },

    /** The secretary or a committee member confirms (or turns down) a pending registration. */
    async review(branchId: Types.ObjectId, actor: Actor, memberId: string, decision: 'confirm' | 'reject') {
      const member = await byId(branchId, memberId);
      const record = member ? { ownerId: member.userId, branchId: branchId.toString() } : undefined;
      return transition({
        model: Member,
        before: member,
        policy: { actor, action: 'confirmRegistration', record },
        from: ['pending-confirmation'],
        change: ({ status }) => {
          const next = unwrap(transitionMember(status, decision));
          return { $set: decision === 'confirm' ? { status: next, confirmedAt: clock() } : { status: next } };
        },
        audit: { branchId, actorId: actor.userId, action: `member.${decision}`, target: memberId },
      });
    },

    /** /leave: membership ends, records stay. */
    async leave(branchId: Types.ObjectId, userId: number): Promise<Member | null> {
      const member = await Member.findOne({ branchId, userId }).lean<Member>();
      if (!member || member.status === 'left') return null;
      const next = unwrap(transitionMember(member.status, 'leave'));
      return Member.findOneAndUpdate(
        { _id: member._id },
        { $set: { status: next, leftAt: clock() } },
        { returnDocument: 'after' },
      ).lean<Member>();
    },
  };
}
export type MemberService = ReturnType<typeof createMemberService>;
