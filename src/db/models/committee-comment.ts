import { Schema, type Connection, type Types } from 'mongoose';

/**
 * One line of a committee's commentary ledger: what the committee (党委 / 党总支) wrote about one of
 * its branches for a quarter. Kept, never edited; each line is also sent to the branch's group.
 */
export interface CommitteeCommentRecord {
  _id: Types.ObjectId;
  committeeId: Types.ObjectId;
  branchId: Types.ObjectId;
  /** '2026Q3' */
  quarter: string;
  text: string;
  byUserId: number;
  createdAt: Date;
}

const committeeCommentSchema = new Schema<CommitteeCommentRecord>(
  {
    committeeId: { type: Schema.Types.ObjectId, required: true },
    branchId: { type: Schema.Types.ObjectId, required: true },
    quarter: { type: String, required: true },
    text: { type: String, required: true },
    byUserId: { type: Number, required: true },
  },
  { timestamps: true },
);
committeeCommentSchema.index({ committeeId: 1, quarter: 1, createdAt: 1 });
committeeCommentSchema.index({ branchId: 1, createdAt: -1 });

export function committeeCommentModel(conn: Connection) {
  return conn.model<CommitteeCommentRecord>('CommitteeComment', committeeCommentSchema);
}
