import { Schema, type Connection, type Types } from 'mongoose';
import { LEADS, type Lead } from '../../domain/pledge-item.js';

/** Stored status; `overdue` is derived from dueDate (see domain itemStatus), never stored. */
export const PLEDGE_ITEM_STATUSES = ['draft', 'pending', 'approved', 'returned', 'claimed', 'done'] as const;
export type StoredPledgeItemStatus = (typeof PLEDGE_ITEM_STATUSES)[number];

/** One item of a pledge (承诺事项), a line of the pledge ledger (承诺台账). */
export interface PledgeItemRecord {
  _id: Types.ObjectId;
  branchId: Types.ObjectId;
  pledgeId: Types.ObjectId;
  memberId: Types.ObjectId;
  userId: number;
  year: number;
  lead: Lead;
  text: string;
  /** Branch-local calendar date 'YYYY-MM-DD'. */
  dueDate: string;
  status: StoredPledgeItemStatus;
  /** Why the secretary returned the item, or turned down a done claim. */
  reason?: string;
  evidence?: string;
  claimedOn?: string;
  doneOn?: string;
  approvedAt?: Date;
  doneAt?: Date;
}

const pledgeItemSchema = new Schema<PledgeItemRecord>(
  {
    branchId: { type: Schema.Types.ObjectId, required: true },
    pledgeId: { type: Schema.Types.ObjectId, required: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Number, required: true },
    year: { type: Number, required: true },
    lead: { type: String, enum: LEADS, required: true },
    text: { type: String, required: true },
    dueDate: { type: String, required: true },
    status: { type: String, enum: PLEDGE_ITEM_STATUSES, required: true },
    reason: { type: String },
    evidence: { type: String },
    claimedOn: { type: String },
    doneOn: { type: String },
    approvedAt: { type: Date },
    doneAt: { type: Date },
  },
  { timestamps: true },
);
pledgeItemSchema.index({ pledgeId: 1 });
pledgeItemSchema.index({ branchId: 1, status: 1 });
pledgeItemSchema.index({ memberId: 1, year: 1 });

export function pledgeItemModel(conn: Connection) {
  return conn.model<PledgeItemRecord>('PledgeItem', pledgeItemSchema);
}
