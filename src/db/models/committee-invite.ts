import { Schema, type Connection, type Types } from 'mongoose';

/** A one-time code a committee issues (`/invite`) for one branch or general branch to join it. */
export interface CommitteeInviteRecord {
  _id: Types.ObjectId;
  code: string;
  committeeId: Types.ObjectId;
  createdBy: number;
  expiresAt: Date;
  usedAt?: Date;
  usedBy?: Types.ObjectId;
}

const committeeInviteSchema = new Schema<CommitteeInviteRecord>(
  {
    code: { type: String, required: true },
    committeeId: { type: Schema.Types.ObjectId, required: true },
    createdBy: { type: Number, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date },
    usedBy: { type: Schema.Types.ObjectId },
  },
  { timestamps: true },
);
committeeInviteSchema.index({ code: 1 }, { unique: true });

export function committeeInviteModel(conn: Connection) {
  return conn.model<CommitteeInviteRecord>('CommitteeInvite', committeeInviteSchema);
}
