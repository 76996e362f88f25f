import { Schema, type Connection, type Types } from 'mongoose';

/** One line of the commentary ledger (点评台账): the secretary's quarterly comment on a member. */
export interface CommentaryRecord {
  _id: Types.ObjectId;
  branchId: Types.ObjectId;
  memberId: Types.ObjectId;
  /** '2026Q3' */
  quarter: string;
  text: string;
  byUserId: number;
}

const commentarySchema = new Schema<CommentaryRecord>(
  {
    branchId: { type: Schema.Types.ObjectId, required: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
    quarter: { type: String, required: true },
    text: { type: String, required: true },
    byUserId: { type: Number, required: true },
  },
  { timestamps: true },
);
commentarySchema.index({ branchId: 1, memberId: 1, quarter: 1 }, { unique: true });

export function commentaryModel(conn: Connection) {
  return conn.model<CommentaryRecord>('Commentary', commentarySchema);
}
