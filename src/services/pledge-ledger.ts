import type { Types } from 'mongoose';
import { pledgeYear } from '../domain/pledge.js';
import { itemStatus, type PledgeItemStatus } from '../domain/pledge-item.js';
import type { Models } from '../db/models/index.js';
import type { BranchDoc as Branch } from '../db/models/branch.js';
import type { DeedRecord } from '../db/models/deed.js';
import type { PledgeItemRecord } from '../db/models/pledge-item.js';
import { settingsOf } from './branch-settings.js';
import { toDomainItem } from './pledge-review.js';

/** A line of the pledge ledger (承诺台账): the item, its shown status and the deeds linked to it. */
export interface LedgerLine {
  item: PledgeItemRecord;
  status: PledgeItemStatus;
  deeds: DeedRecord[];
}

/** Reading the ledger: items with their shown status (overdue is derived) and linked deeds. */
export function createPledgeLedger({ models, clock }: { models: Models; clock: () => Date }) {
  const { PledgeItem, Deed } = models;
  return {
    /** The ledger (承诺台账) of a member: every item of the year with shown status and linked deeds. */
    async ledger(branch: Branch, memberId: Types.ObjectId, year?: number): Promise<LedgerLine[]> {
      const now = clock();
      const tz = settingsOf(branch).timeZone;
      const items = await PledgeItem.find({
        branchId: branch._id,
        memberId,
        year: year ?? pledgeYear(now, tz),
      })
        .sort({ _id: 1 })
        .lean<PledgeItemRecord[]>();
      const deeds = await Deed.find({
        pledgeItemId: { $in: items.map((i) => i._id) },
        status: { $in: ['pending', 'verified'] },
      }).lean<DeedRecord[]>();
      return items.map((item) => ({
        item,
        status: itemStatus(toDomainItem(item), now, tz),
        deeds: deeds.filter((d) => d.pledgeItemId?.equals(item._id)),
      }));
    },

    /** Items a deed may fulfil: approved (also overdue) or claimed items of the member this year. */
    async openItems(branch: Branch, memberId: Types.ObjectId) {
      const year = pledgeYear(clock(), settingsOf(branch).timeZone);
      return PledgeItem.find({
        branchId: branch._id,
        memberId,
        year,
        status: { $in: ['approved', 'claimed'] },
      })
        .sort({ _id: 1 })
        .lean<PledgeItemRecord[]>();
    },
  };
}
