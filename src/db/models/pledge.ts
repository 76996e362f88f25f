import { Schema, type Connection, type Types } from 'mongoose';

/** A member's public pledge (公开承诺) for one year; its items live in PledgeItem. */
export interface PledgeRecord {
  _id: Types.ObjectId;
  branchId: Types.ObjectId;
  memberId: Types.ObjectId;
  userId: number;
  year: number;
  /** 口头承诺: recorded by the secretary for an elderly or retired member. */
  oral: boolean;
  recordedBy?: number;
  submittedAt?: Date;
  /** When the approved pledge was last announced in the group (公开示诺). */
  publishedAt?: Date;
}

const pledgeSchema = new Schema<PledgeRecord>(
  {
    branchId: { type: Schema.Types.ObjectId, required: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Number, required: true },
    year: { type: Number, required: true },
    oral: { type: Boolean, default: false },
    recordedBy: { type: Number },
    submittedAt: { type: Date },
    publishedAt: { type: Date },
  },
  { timestamps: true },
);
pledgeSchema.index({ branchId: 1, memberId: 1, year: 1 }, { unique: true });

export function pledgeModel(conn: Connection) {
  return conn.model<PledgeRecord>('Pledge', pledgeSchema);
}
