import { Schema, type Connection, type Types } from 'mongoose';

export const DEED_STATUSES = ['pending', 'verified', 'rejected', 'withdrawn'] as const;
export type DeedStatus = (typeof DEED_STATUSES)[number];

/** One deed, one record (一件事一记录); verified deeds form the 对标记录卡. */
export interface DeedRecord {
  _id: Types.ObjectId;
  branchId: Types.ObjectId;
  memberId: Types.ObjectId;
  userId: number;
  what: string;
  /** Branch-local calendar date 'YYYY-MM-DD' of the deed; never in the future. */
  date: string;
  forWhom: string;
  peopleHelped: number;
  pledgeItemId?: Types.ObjectId;
  photoFileId?: string;
  status: DeedStatus;
  verifiedAt?: Date;
  rejectedAt?: Date;
  reason?: string;
  reviewedBy?: number;
  /** The message that shows the deed where it was reported (group or private), edited as it changes. */
  post?: { chatId: number; messageId: number };
  createdAt: Date;
}

const deedSchema = new Schema<DeedRecord>(
  {
    branchId: { type: Schema.Types.ObjectId, required: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Number, required: true },
    what: { type: String, required: true },
    date: { type: String, required: true },
    forWhom: { type: String, required: true },
    peopleHelped: { type: Number, required: true },
    pledgeItemId: { type: Schema.Types.ObjectId },
    photoFileId: { type: String },
    status: { type: String, enum: DEED_STATUSES, required: true },
    verifiedAt: { type: Date },
    rejectedAt: { type: Date },
    reason: { type: String },
    reviewedBy: { type: Number },
    post: { type: new Schema({ chatId: Number, messageId: Number }, { _id: false }) },
  },
  { timestamps: true },
);
deedSchema.index({ branchId: 1, status: 1 });
deedSchema.index({ memberId: 1, date: -1 });
deedSchema.index({ pledgeItemId: 1 });

export function deedModel(conn: Connection) {
  return conn.model<DeedRecord>('Deed', deedSchema);
}
