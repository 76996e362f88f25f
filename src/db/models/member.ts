import { Schema, type Connection, type Types } from 'mongoose';
import type { MemberCard, MemberStatus } from '../../domain/member.js';

export interface MemberRecord extends MemberCard {
  _id: Types.ObjectId;
  branchId: Types.ObjectId;
  userId: number;
  status: MemberStatus;
  /** 星级: 0–5 stars */
  stars: number;
  /** 挂牌: whether the member holds the model-post plate */
  plateOn: boolean;
  titleHeld: boolean;
  consecutiveFails: number;
  consecutivePasses: number;
  submittedAt: Date;
  confirmedAt?: Date;
  leftAt?: Date;
}

/** A Party member (党员) of one branch, with the public card (亮身份) and star record. */
const memberSchema = new Schema<MemberRecord>(
  {
    branchId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Number, required: true },
    realName: { type: String, required: true },
    post: { type: String, required: true },
    unit: { type: String, required: true },
    membership: { type: String, enum: ['full', 'probationary'], required: true },
    isLeading: { type: Boolean, required: true },
    isElderly: { type: Boolean, required: true },
    motto: { type: String, required: true },
    status: { type: String, enum: ['pending-confirmation', 'active', 'left'], required: true },
    stars: { type: Number, default: 0 },
    plateOn: { type: Boolean, default: true },
    titleHeld: { type: Boolean, default: false },
    consecutiveFails: { type: Number, default: 0 },
    consecutivePasses: { type: Number, default: 0 },
    submittedAt: { type: Date, required: true },
    confirmedAt: { type: Date },
    leftAt: { type: Date },
  },
  { timestamps: true },
);
memberSchema.index({ branchId: 1, userId: 1 }, { unique: true });
memberSchema.index({ branchId: 1, status: 1 });
memberSchema.index({ userId: 1 });
memberSchema.index({ updatedAt: 1 });

export function memberModel(conn: Connection) {
  return conn.model<MemberRecord>('Member', memberSchema);
}
