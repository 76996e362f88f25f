import { Schema, type Connection, type Types } from 'mongoose';
import {
  APPRAISAL_CATEGORIES,
  type AppraisalCategory,
  type AppraisalReason,
} from '../../domain/appraisal.js';

/**
 * One member's annual democratic appraisal (年度民主评议): the category the rule suggests, with
 * the figures it read and its version, and the category the secretary decided (the same, or
 * changed with a reason). Published once for the branch and year; then it no longer changes.
 */
export interface AppraisalRecord {
  _id: Types.ObjectId;
  branchId: Types.ObjectId;
  year: number;
  memberId: Types.ObjectId;
  /** The rule's suggestion (null for 预备党员, who get no category). */
  suggested: AppraisalCategory | null;
  reason: AppraisalReason;
  figures: {
    rated: number;
    fails: number;
    average: number | null;
    overdueItems: number;
    /** The branch's setting when suggested: 优秀 for at most one in this many full members. */
    excellentOneIn?: number;
  };
  ruleVersion: string;
  /** The decided category: the suggestion unless the secretary changed it. */
  category: AppraisalCategory | null;
  change?: { byUserId: number; reason: string; at: Date };
  status: 'draft' | 'published';
  publishedAt?: Date;
}

const appraisalSchema = new Schema<AppraisalRecord>(
  {
    branchId: { type: Schema.Types.ObjectId, required: true },
    year: { type: Number, required: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
    suggested: { type: String, enum: [...APPRAISAL_CATEGORIES, null], default: null },
    reason: { type: String, required: true },
    figures: { type: Schema.Types.Mixed, required: true },
    ruleVersion: { type: String, required: true },
    category: { type: String, enum: [...APPRAISAL_CATEGORIES, null], default: null },
    change: { type: Schema.Types.Mixed },
    status: { type: String, enum: ['draft', 'published'], required: true },
    publishedAt: { type: Date },
  },
  { timestamps: true, minimize: false },
);
appraisalSchema.index({ branchId: 1, year: 1, memberId: 1 }, { unique: true });

export function appraisalModel(conn: Connection) {
  return conn.model<AppraisalRecord>('Appraisal', appraisalSchema);
}
