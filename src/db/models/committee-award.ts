import { Schema, type Connection, type Types } from 'mongoose';

/**
 * What a committee computed for a period, by its natural key (committee, kind, period), with the
 * rule version and the inputs the rule read, so `/redflag why` explains it from stored figures and a
 * recomputation from `inputs` gives `result` again.
 * - `comparison`: a month's comparison of the tree's branches and its stars of the month;
 * - `red-flag`: the rotating red flag (流动红旗) of a month or a quarter ('2026Q4').
 */
export const AWARD_KINDS = ['comparison', 'red-flag'] as const;
export type AwardKind = (typeof AWARD_KINDS)[number];

export interface CommitteeAwardRecord {
  _id: Types.ObjectId;
  committeeId: Types.ObjectId;
  kind: AwardKind;
  /** 'YYYY-MM' or 'YYYYQn'. */
  period: string;
  /** The rule versions applied, e.g. { redFlag: 'red-flag/2026.1' }. */
  rules: Record<string, string>;
  inputs: unknown;
  result: unknown;
  /** The winning branch of a red flag (indexed: the board asks which flag a branch holds). */
  winnerId?: Types.ObjectId | null;
  computedAt: Date;
  /** Set once every message about it has been queued. */
  announcedAt?: Date | null;
}

const committeeAwardSchema = new Schema<CommitteeAwardRecord>(
  {
    committeeId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: AWARD_KINDS, required: true },
    period: { type: String, required: true },
    rules: { type: Schema.Types.Mixed, required: true },
    inputs: { type: Schema.Types.Mixed, required: true },
    result: { type: Schema.Types.Mixed, required: true },
    winnerId: { type: Schema.Types.ObjectId, default: null },
    computedAt: { type: Date, required: true },
    announcedAt: { type: Date, default: null },
  },
  { timestamps: true, minimize: false },
);
committeeAwardSchema.index({ committeeId: 1, kind: 1, period: 1 }, { unique: true });
committeeAwardSchema.index({ winnerId: 1, computedAt: -1 });
// The worker's roster sync (jobs/processors/roster-sync.ts) looks for red flags stored since its last pass.
committeeAwardSchema.index({ kind: 1, computedAt: 1 });

export function committeeAwardModel(conn: Connection) {
  return conn.model<CommitteeAwardRecord>('CommitteeAward', committeeAwardSchema);
}
