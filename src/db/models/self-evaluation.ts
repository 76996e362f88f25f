import { Schema, type Connection, type Types } from 'mongoose';
import type { ScoreSheet } from '../../domain/rating.js';

/** A member's self-evaluation (党员自评) in one round; re-submitting replaces it while open. */
export interface SelfEvaluationRecord {
  _id: Types.ObjectId;
  roundId: Types.ObjectId;
  memberId: Types.ObjectId;
  sheet: ScoreSheet;
  remark?: string;
}

const sheetSchema = {
  political: { type: Number, required: true },
  performance: { type: Number, required: true },
  service: { type: Number, required: true },
  exemplary: { type: Number, required: true },
};
export const scoreSheetSchema = new Schema(sheetSchema, { _id: false });

const selfEvaluationSchema = new Schema<SelfEvaluationRecord>(
  {
    roundId: { type: Schema.Types.ObjectId, required: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
    sheet: { type: scoreSheetSchema, required: true },
    remark: { type: String },
  },
  { timestamps: true },
);
selfEvaluationSchema.index({ roundId: 1, memberId: 1 }, { unique: true });

export function selfEvaluationModel(conn: Connection) {
  return conn.model<SelfEvaluationRecord>('SelfEvaluation', selfEvaluationSchema);
}
