import { isPublishable, minPledgeItems } from '../domain/pledge.js';
import { transitionPledgeItem, type PledgeItem, type PledgeItemEvent } from '../domain/pledge-item.js';
import type { Models } from '../db/models/index.js';
import type { BranchDoc as Branch } from '../db/models/branch.js';
import type { MemberRecord as Member } from '../db/models/member.js';
import type { PledgeItemRecord } from '../db/models/pledge-item.js';
import { createAudit } from './audit.js';
import { settingsOf } from './branch-settings.js';
import { ServiceError } from './errors.js';
import { recordOf, type Actor } from './authorize.js';
import { createTransition } from './transition.js';

const OID = /^[0-9a-f]{24}$/;

/** Stored item → domain item, for the pure transition rules. */
export function toDomainItem(doc: PledgeItemRecord): PledgeItem {
  const { lead, text, dueDate, status, reason, evidence, claimedOn, doneOn } = doc;
  return {
    id: doc._id.toString(),
    lead,
    text,
    dueDate,
    status,
    reason,
    evidence,
    claimedOn,
    doneOn,
  } as PledgeItem;
}

/** Review of pledge items: approve / return (审核确定) and the done claims (践诺) the secretary confirms. */
export function createPledgeReview({ models, clock }: { models: Models; clock: () => Date }) {
  const { Pledge, PledgeItem, Member } = models;
  const transition = createTransition(createAudit(models, clock));

  async function itemOf(branchId: Branch['_id'] | undefined, itemId: string) {
    if (!OID.test(itemId)) return null;
    const filter = branchId ? { _id: itemId, branchId } : { _id: itemId };
    return PledgeItem.findOne(filter).lean<PledgeItemRecord>();
  }

  /** The domain rule as an update: the item's next state (with `extra` fields), or a refusal. */
  function next(branch: Branch, item: PledgeItemRecord, event: PledgeItemEvent, extra: object = {}) {
    const tz = settingsOf(branch).timeZone;
    const result = transitionPledgeItem(toDomainItem(item), event, clock(), tz);
    if (!result.ok) {
      if (result.error.key === 'error-pledge-item-transition')
        throw new ServiceError('error-action-unavailable');
      throw result.error;
    }
    const { id: _id, ...fields } = result.value;
    const unset = Object.fromEntries(
      ['reason', 'evidence', 'claimedOn', 'doneOn']
        .filter((k) => !(k in fields) && !(k in extra))
        .map((k) => [k, 1]),
    );
    const stamp =
      result.value.status === 'approved' && event.type === 'approve' ? { approvedAt: clock() } : {};
    const done = result.value.status === 'done' ? { doneAt: clock() } : {};
    return {
      $set: { ...fields, ...stamp, ...done, ...extra },
      ...(Object.keys(unset).length > 0 && { $unset: unset }),
    };
  }

  /** A reviewer's decision on an item: asked of the policy (nobody reviews their own), applied, audited. */
  function decide(
    branch: Branch,
    actor: Actor,
    itemId: string,
    before: PledgeItemRecord | null,
    event: PledgeItemEvent,
    action: string,
    extra: object = {},
  ) {
    return transition({
      model: PledgeItem,
      before,
      policy: { actor, action: 'reviewPledge', record: before ? recordOf(branch, before.userId) : undefined },
      change: (item) => next(branch, item, event, extra),
      audit: { branchId: branch._id, actorId: actor.userId, action, target: itemId },
    });
  }

  return {
    /** A pledge item of the branch (or of any branch when `branch` is absent), or null. */
    async itemById(branch: Branch | undefined, itemId: string) {
      return itemOf(branch?._id, itemId);
    },

    /** Items awaiting a reviewer: submitted items and done claims, oldest first. */
    async awaitingReview(branch: Branch) {
      return PledgeItem.find({ branchId: branch._id, status: { $in: ['pending', 'claimed'] } })
        .sort({ _id: 1 })
        .lean<PledgeItemRecord[]>();
    },

    /**
     * The secretary approves an item or returns it with a reason. When no item of the pledge is
     * pending any more, `complete` is true; `publish` says the pledge is ready to be announced.
     */
    async review(branch: Branch, actor: Actor, itemId: string, decision: 'approve' | 'return', reason = '') {
      const before = await itemOf(branch._id, itemId);
      const event: PledgeItemEvent =
        decision === 'approve' ? { type: 'approve' } : { type: 'return', reason };
      const item = await decide(branch, actor, itemId, before, event, `pledge.${decision}`);
      const items = await PledgeItem.find({ pledgeId: item.pledgeId })
        .sort({ _id: 1 })
        .lean<PledgeItemRecord[]>();
      const member = await Member.findById(item.memberId).lean<Member>();
      const complete = !items.some((i) => i.status === 'pending');
      const publish =
        complete && isPublishable(items, minPledgeItems(member?.isLeading ?? false, settingsOf(branch)));
      if (publish) await Pledge.updateOne({ _id: item.pledgeId }, { $set: { publishedAt: clock() } });
      return { item, items, member, complete, publish };
    },

    /** The member marks an approved (or overdue) item done with evidence (践诺). */
    async claimDone(branch: Branch, userId: number, itemId: string, evidence: string) {
      const item = await itemOf(branch._id, itemId);
      if (item && item.userId !== userId) throw new ServiceError('error-not-owner');
      return transition({
        model: PledgeItem,
        before: item,
        change: (b) => next(branch, b, { type: 'markDone', evidence }),
      });
    },

    /** The secretary confirms a done claim, or turns it down with a reason (the item is open again). */
    async confirmDone(
      branch: Branch,
      actor: Actor,
      itemId: string,
      decision: 'confirm' | 'reject',
      reason = '',
    ) {
      const before = await itemOf(branch._id, itemId);
      const event: PledgeItemEvent =
        decision === 'confirm' ? { type: 'confirmDone' } : { type: 'rejectDone', reason };
      // A claim turned down keeps its reason on the item, for the member's ledger.
      const extra = decision === 'reject' ? { reason: reason.trim() } : {};
      return decide(branch, actor, itemId, before, event, `pledge.done-${decision}`, extra);
    },
  };
}
