import { Schema, type Connection, type Types } from 'mongoose';
import type { OrgScoreFacts } from '../../domain/org-score.js';

/** The organisation evaluation (组织考评) of one member in one round, by the secretary or 支委. */
export interface OrgEvaluationRecord {
  _id: Types.ObjectId;
  roundId: Types.ObjectId;
  memberId: Types.ObjectId;
  score: number;
  suggested: number;
  facts: OrgScoreFacts;
  /** Why the score differs from the suggestion. */
  reason?: string;
  byUserId: number;
}

const orgEvaluationSchema = new Schema<OrgEvaluationRecord>(
  {
    roundId: { type: Schema.Types.ObjectId, required: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
    score: { type: Number, required: true },
    suggested: { type: Number, required: true },
    facts: { type: Schema.Types.Mixed, required: true },
    reason: { type: String },
    byUserId: { type: Number, required: true },
  },
  { timestamps: true },
);
orgEvaluationSchema.index({ roundId: 1, memberId: 1 }, { unique: true });

export function orgEvaluationModel(conn: Connection) {
  return conn.model<OrgEvaluationRecord>('OrgEvaluation', orgEvaluationSchema);
}
