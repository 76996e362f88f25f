import type { Types } from 'mongoose';
import { DateTime } from 'luxon';
import type { Models } from '../db/models/index.js';
import type { StandardRecord } from '../db/models/standard.js';
import type { MemberRecord } from '../db/models/member.js';
import type { BranchDoc as Branch } from '../db/models/branch.js';
import { DomainError, unwrap } from '../domain/errors.js';
import { resolveSettings } from '../domain/settings.js';
import {
  draftStandard,
  transitionStandard,
  validateComment,
  type PostStandard,
  type StandardEvent,
} from '../domain/standard.js';
import { createAudit } from './audit.js';
import { ServiceError } from './errors.js';
import { recordOf, type Actor } from './authorize.js';
import { createTransition } from './transition.js';

export type Standard = StandardRecord;

const isId = (id: string) => /^[0-9a-f]{24}$/.test(id);

/** The domain's view of a stored standard (only the fields its status has). */
function toDomain(s: Standard): PostStandard {
  return s as unknown as PostStandard;
}

/** Post standards (定标): the member proposes, the masses comment, the secretary approves or returns. */
export function createStandardService({ models, clock }: { models: Models; clock: () => Date }) {
  const { Standard } = models;
  const transition = createTransition(createAudit(models, clock));

  /** Runs the domain transition; a too-early approval names the closing time in the branch's zone. */
  function step(branch: Branch, state: PostStandard, event: StandardEvent, now: Date): PostStandard {
    const result = transitionStandard(state, event, now);
    if (result.ok) return result.value;
    if (result.error.key === 'error-standard-comment-period-open' && 'closesAt' in state) {
      const zone = unwrap(resolveSettings(branch.settings)).timeZone;
      const at = DateTime.fromJSDate(state.closesAt, { zone }).toFormat('yyyy-MM-dd HH:mm');
      throw new DomainError('error-standard-comment-period-open', { closesAt: at });
    }
    throw result.error;
  }

  async function byId(branchId: Types.ObjectId, id: string): Promise<Standard | null> {
    return isId(id) ? Standard.findOne({ _id: id, branchId }).lean<Standard>() : null;
  }

  /** Reviews the current revision; the filter on status and revision makes a double press a no-op. */
  async function review(
    branch: Branch,
    actor: Actor,
    id: string,
    revision: number,
    event: StandardEvent,
  ): Promise<Standard> {
    const before = await byId(branch._id, id);
    return transition({
      model: Standard,
      before,
      policy: {
        actor,
        action: 'approveStandard',
        record: before ? recordOf(branch, before.userId) : undefined,
      },
      from: ['commenting'],
      guard: { revision },
      change: (standard) => {
        if (standard.revision !== revision) throw new ServiceError('error-action-unavailable');
        const next = step(branch, toDomain(standard), event, clock());
        return { $set: next.status === 'approved' ? { ...next, approvedText: next.text } : next };
      },
      audit: { branchId: branch._id, actorId: actor.userId, action: `standard.${event.type}`, target: id },
    });
  }

  return {
    byId,
    async ofUser(branchId: Types.ObjectId, userId: number): Promise<Standard | null> {
      return Standard.findOne({ branchId, userId }).lean<Standard>();
    },

    /**
     * The member proposes (or revises) the standard of their post; it opens for comment at once
     * for the branch's comment period. Any earlier state leads there: none, draft, returned, or
     * approved (the yearly renewal). A standard under comment cannot change until it is reviewed.
     */
    async propose(branch: Branch, member: MemberRecord, text: string): Promise<Standard> {
      const now = clock();
      const days = unwrap(resolveSettings(branch.settings)).commentPeriodDays;
      const current = await Standard.findOne({
        branchId: branch._id,
        userId: member.userId,
      }).lean<Standard>();
      let next: PostStandard;
      if (!current) {
        next = step(branch, unwrap(draftStandard(text)), { type: 'submit', commentPeriodDays: days }, now);
      } else if (current.status === 'returned') {
        next = step(branch, toDomain(current), { type: 'revise', text, commentPeriodDays: days }, now);
      } else {
        let state = toDomain(current);
        if (state.status === 'approved') state = step(branch, state, { type: 'reopen' }, now);
        state = step(branch, state, { type: 'edit', text }, now);
        next = step(branch, state, { type: 'submit', commentPeriodDays: days }, now);
      }
      const unset = { reason: 1, returnedAt: 1, postMessageId: 1, earlyReason: 1 };
      if (!current) {
        const created = await Standard.create({
          ...next,
          branchId: branch._id,
          memberId: member._id,
          userId: member.userId,
        });
        return created.toObject() as Standard;
      }
      // Conditional on the revision read: two submissions at once cannot both win.
      return transition({
        model: Standard,
        before: current,
        guard: { revision: current.revision },
        change: () => ({ $set: next, $unset: unset }),
      });
    },

    /** A standard and its branch by the standard's id alone, for links opened in private chats. */
    async findAnywhere(id: string): Promise<{ standard: Standard; branch: Branch } | null> {
      const standard = isId(id) ? await Standard.findById(id).lean<Standard>() : null;
      const branch = standard && (await models.Branch.findById(standard.branchId).lean<Branch>());
      return standard && branch?.active ? { standard, branch } : null;
    },

    /** Keeps the id of the standard's group post, which is edited as comments come in. */
    async setPostMessage(id: Types.ObjectId | string, messageId: number): Promise<void> {
      await Standard.updateOne({ _id: id }, { $set: { postMessageId: messageId } });
    },

    /** A comment from anyone in the group while the period is open (validated 1–500 characters). */
    async comment(branch: Branch, id: string, author: { id: number; name: string }, text: string) {
      const standard = await byId(branch._id, id);
      if (!standard) throw new ServiceError('error-action-unavailable');
      const now = clock();
      const checked = unwrap(validateComment(toDomain(standard), text, now));
      const comment = {
        authorId: author.id,
        authorName: author.name,
        text: checked,
        revision: standard.revision,
        at: now,
      };
      await Standard.updateOne({ _id: standard._id }, { $push: { comments: comment } });
      return { standard, comment };
    },

    approve: (branch: Branch, actor: Actor, id: string, revision: number) =>
      review(branch, actor, id, revision, { type: 'approve' }),
    /** Approval before the comment period ends (提前审定), with the reason (audited as standard.approveEarly). */
    approveEarly: (branch: Branch, actor: Actor, id: string, revision: number, reason: string) =>
      review(branch, actor, id, revision, { type: 'approveEarly', reason }),
    returnWithReason: (branch: Branch, actor: Actor, id: string, revision: number, reason: string) =>
      review(branch, actor, id, revision, { type: 'return', reason }),

    /** Standards under comment, oldest first, each with whether its period has ended (for /pending). */
    async awaitingDecision(branchId: Types.ObjectId): Promise<Array<Standard & { periodOver: boolean }>> {
      const now = clock().getTime();
      const list = await Standard.find({ branchId, status: 'commenting' })
        .sort({ openedAt: 1 })
        .lean<Standard[]>();
      return list.map((s) => ({ ...s, periodOver: s.closesAt!.getTime() <= now }));
    },

    /** Approved standards of a branch's members, by user id, for cards. */
    async approvedTexts(branchId: Types.ObjectId): Promise<Map<number, string>> {
      const list = await Standard.find({ branchId, approvedText: { $exists: true } }).lean<Standard[]>();
      return new Map(list.map((s) => [s.userId, s.approvedText!]));
    },
  };
}
export type StandardService = ReturnType<typeof createStandardService>;
