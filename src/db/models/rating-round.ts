import { Schema, type Connection, type Types } from 'mongoose';

/** open → provisional (closed, results posted for objections, 公示) → final (announced). */
export const ROUND_STATUSES = ['open', 'provisional', 'final'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** A branch's monthly rating round (一月一考评), one per branch and month. */
export interface RatingRoundRecord {
  _id: Types.ObjectId;
  branchId: Types.ObjectId;
  /** The month rated, 'YYYY-MM' (the round closes early in the next month). */
  month: string;
  status: RoundStatus;
  openedAt: Date;
  /** User who opened it early; absent when opened by the schedule. */
  openedBy?: number;
  closedAt?: Date;
  closedBy?: number;
  /** End of the objection window; results become final after it with no open objection. */
  objectionDeadline?: Date;
  finalizedAt?: Date;
  /** Set once every message of the final announcement is queued (a crash before it re-queues, deduplicated). */
  announcedAt?: Date;
}

const ratingRoundSchema = new Schema<RatingRoundRecord>(
  {
    branchId: { type: Schema.Types.ObjectId, required: true },
    month: { type: String, required: true },
    status: { type: String, enum: ROUND_STATUSES, required: true },
    openedAt: { type: Date, required: true },
    openedBy: { type: Number },
    closedAt: { type: Date },
    closedBy: { type: Number },
    objectionDeadline: { type: Date },
    finalizedAt: { type: Date },
    announcedAt: { type: Date },
  },
  { timestamps: true },
);
ratingRoundSchema.index({ branchId: 1, month: 1 }, { unique: true });
ratingRoundSchema.index({ status: 1, objectionDeadline: 1 });

export function ratingRoundModel(conn: Connection) {
  return conn.model<RatingRoundRecord>('RatingRound', ratingRoundSchema);
}
