import { Schema, type Connection, type Types } from 'mongoose';
import type { MonthResult, MonthResultInputs } from '../../domain/rating-result.js';

/**
 * A member's monthly result (达标评议卡), keyed by (branch, month, member). It stores its inputs
 * and the rule set with its version, so `/why` explains it and it recomputes to the same answer.
 */
export interface RatingResultRecord extends MonthResult {
  _id: Types.ObjectId;
  branchId: Types.ObjectId;
  month: string;
  memberId: Types.ObjectId;
  roundId: Types.ObjectId;
  inputs: MonthResultInputs;
  /** Where the organisation score came from: a reviewer, or the published suggestion. */
  orgSource: 'reviewer' | 'suggested';
  status: 'provisional' | 'final';
  computedAt: Date;
}

const ratingResultSchema = new Schema<RatingResultRecord>(
  {
    branchId: { type: Schema.Types.ObjectId, required: true },
    month: { type: String, required: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
    roundId: { type: Schema.Types.ObjectId, required: true },
    inputs: { type: Schema.Types.Mixed, required: true },
    computation: { type: Schema.Types.Mixed, required: true },
    after: { type: Schema.Types.Mixed, required: true },
    change: { type: Schema.Types.Mixed, required: true },
    orgSource: { type: String, enum: ['reviewer', 'suggested'], required: true },
    status: { type: String, enum: ['provisional', 'final'], required: true },
    computedAt: { type: Date, required: true },
  },
  { timestamps: true, minimize: false },
);
ratingResultSchema.index({ branchId: 1, month: 1, memberId: 1 }, { unique: true });
ratingResultSchema.index({ memberId: 1, month: -1 });

export function ratingResultModel(conn: Connection) {
  return conn.model<RatingResultRecord>('RatingResult', ratingResultSchema);
}
