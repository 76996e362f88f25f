import { unwrap } from '../domain/errors.js';
import {
  isPublishable,
  minPledgeItems,
  pledgeYear,
  recordOralPledge,
  submitPledge,
} from '../domain/pledge.js';
import { validatePledgeItem, type PledgeItem, type PledgeItemDraft } from '../domain/pledge-item.js';
import type { Models } from '../db/models/index.js';
import type { BranchDoc as Branch } from '../db/models/branch.js';
import type { MemberRecord as Member } from '../db/models/member.js';
import type { PledgeRecord } from '../db/models/pledge.js';
import type { PledgeItemRecord } from '../db/models/pledge-item.js';
import { createAudit } from './audit.js';
import { settingsOf } from './branch-settings.js';
import { ServiceError } from './errors.js';
import { createPledgeLedger, type LedgerLine } from './pledge-ledger.js';
import { createPledgeReview, toDomainItem } from './pledge-review.js';
import { authorize, recordOf, type Actor } from './authorize.js';

export { toDomainItem };

export type { LedgerLine, PledgeItemRecord, PledgeRecord };

/** Public pledges (公开承诺): drafting and submitting, oral pledges, the ledger. */
export function createPledgeService({ models, clock }: { models: Models; clock: () => Date }) {
  const { Pledge, PledgeItem } = models;
  const audit = createAudit(models, clock);

  async function openPledge(branch: Branch, member: Member, year: number): Promise<PledgeRecord> {
    const pledge = await Pledge.findOneAndUpdate(
      { branchId: branch._id, memberId: member._id, year },
      { $setOnInsert: { userId: member.userId, oral: false } },
      { upsert: true, returnDocument: 'after' },
    ).lean<PledgeRecord>();
    return pledge!;
  }

  /** Item documents of a member's pledge for checked drafts, in the state they start in. */
  function itemDocs(
    pledge: PledgeRecord,
    member: Member,
    drafts: readonly PledgeItemDraft[],
    state: { status: 'pending' } | { status: 'approved'; approvedAt: Date },
  ) {
    return drafts.map(({ lead, text, dueDate }) => ({
      branchId: pledge.branchId,
      pledgeId: pledge._id,
      memberId: pledge.memberId,
      userId: member.userId,
      year: pledge.year,
      lead,
      text,
      dueDate,
      ...state,
    }));
  }

  /** The item rules of the dialog, checked again: lead, text length, due date (today … a year ahead). */
  function checked(d: PledgeItemDraft, now: Date, tz: string): PledgeItemDraft {
    return unwrap(validatePledgeItem(d, now, tz));
  }

  function requireActive(branch: Branch, member: Member) {
    if (!member.branchId.equals(branch._id) || member.status !== 'active')
      throw new ServiceError('error-not-member');
  }

  return {
    ...createPledgeReview({ models, clock }),
    ...createPledgeLedger({ models, clock }),

    /** The branch's time zone (settings), for dates typed in dialogs. */
    timeZoneOf(branch: Branch): string {
      return settingsOf(branch).timeZone;
    },

    /** This year's pledge of a member and its items, in the order they were added. */
    async current(branch: Branch, member: Member) {
      const year = pledgeYear(clock(), settingsOf(branch).timeZone);
      const pledge = await Pledge.findOne({
        branchId: branch._id,
        memberId: member._id,
        year,
      }).lean<PledgeRecord>();
      const items = pledge
        ? await PledgeItem.find({ pledgeId: pledge._id }).sort({ _id: 1 }).lean<PledgeItemRecord[]>()
        : [];
      return { year, pledge, items, minItems: minPledgeItems(member.isLeading, settingsOf(branch)) };
    },

    /**
     * Submits new items and rewrites of returned ones (科学定诺): the whole pledge must then
     * meet the member's minimum; every new or rewritten item awaits the secretary's review.
     */
    async submit(
      branch: Branch,
      member: Member,
      input: { add: readonly PledgeItemDraft[]; rewrite?: Readonly<Record<string, PledgeItemDraft>> },
    ) {
      requireActive(branch, member);
      const settings = settingsOf(branch);
      const now = clock();
      const year = pledgeYear(now, settings.timeZone);
      input = {
        add: input.add.map((d) => checked(d, now, settings.timeZone)),
        rewrite: Object.fromEntries(
          Object.entries(input.rewrite ?? {}).map(([id, d]) => [id, checked(d, now, settings.timeZone)]),
        ),
      };
      const pledge = await openPledge(branch, member, year);
      const existing = await PledgeItem.find({ pledgeId: pledge._id })
        .sort({ _id: 1 })
        .lean<PledgeItemRecord[]>();
      const rewrite = input.rewrite ?? {};
      for (const id of Object.keys(rewrite))
        if (!existing.some((i) => i._id.toString() === id && i.status === 'returned'))
          throw new ServiceError('error-action-unavailable');
      const items: PledgeItem[] = [
        ...existing.map((doc) => {
          const draft = rewrite[doc._id.toString()];
          return draft
            ? ({ id: doc._id.toString(), ...draft, status: 'draft' } as PledgeItem)
            : toDomainItem(doc);
        }),
        ...input.add.map((d, i): PledgeItem => ({ id: `new${i}`, ...d, status: 'draft' })),
      ];
      const submitted = unwrap(
        submitPledge({ memberId: member._id.toString(), year, oral: false, items }, member, settings, now),
      );
      for (const item of submitted.items.slice(0, existing.length)) {
        const draft = rewrite[item.id];
        if (!draft) continue;
        await PledgeItem.updateOne(
          { _id: item.id, status: 'returned' },
          { $set: { ...draft, status: 'pending' }, $unset: { reason: 1 } },
        );
      }
      const fresh = submitted.items.slice(existing.length);
      if (fresh.length > 0)
        await PledgeItem.insertMany(itemDocs(pledge, member, fresh, { status: 'pending' }));
      await Pledge.updateOne({ _id: pledge._id }, { $set: { submittedAt: now } });
      return PledgeItem.find({ pledgeId: pledge._id }).sort({ _id: 1 }).lean<PledgeItemRecord[]>();
    },

    /** The secretary records an oral pledge (口头承诺) for an elderly or retired member; it is approved at once. */
    async recordOral(branch: Branch, actor: Actor, member: Member, drafts: readonly PledgeItemDraft[]) {
      authorize(actor, 'recordOralPledge', recordOf(branch, member.userId));
      const actorId = actor.userId;
      requireActive(branch, member);
      const settings = settingsOf(branch);
      const now = clock();
      const year = pledgeYear(now, settings.timeZone);
      drafts = drafts.map((d) => checked(d, now, settings.timeZone));
      const items = drafts.map((d, i): PledgeItem => ({ id: `oral${i}`, ...d, status: 'draft' }));
      unwrap(recordOralPledge({ memberId: member._id.toString(), year, items }, member, actorId, settings));
      const pledge = await openPledge(branch, member, year);
      const created = await PledgeItem.insertMany(
        itemDocs(pledge, member, drafts, { status: 'approved', approvedAt: now }),
      );
      await Pledge.updateOne(
        { _id: pledge._id },
        { $set: { oral: true, recordedBy: actorId, submittedAt: now, publishedAt: now } },
      );
      await audit({
        branchId: branch._id,
        actorId,
        action: 'pledge.oral',
        target: member._id.toString(),
        after: created.map((c) => c.toObject()),
      });
      const all = await PledgeItem.find({ pledgeId: pledge._id }).sort({ _id: 1 }).lean<PledgeItemRecord[]>();
      return { items: all, publish: isPublishable(all, minPledgeItems(member.isLeading, settings)) };
    },
  };
}
export type PledgeService = ReturnType<typeof createPledgeService>;
