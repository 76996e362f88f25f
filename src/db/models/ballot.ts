import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Types } from 'mongoose';
import type { ScoreSheet } from '../../domain/rating.js';
import { scoreSheetSchema } from './self-evaluation.js';

/**
 * An anonymous masses ballot (群众测评). It names the member rated, never the rater; its id is a
 * random UUID and it has no timestamps, so neither an ObjectId's time nor `createdAt` can be
 * matched against the eligibility records to find who cast it.
 */
export interface BallotRecord {
  _id: string;
  roundId: Types.ObjectId;
  memberId: Types.ObjectId;
  sheet: ScoreSheet;
  total: number;
}

const ballotSchema = new Schema<BallotRecord>(
  {
    _id: { type: String, default: () => randomUUID() },
    roundId: { type: Schema.Types.ObjectId, required: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
    sheet: { type: scoreSheetSchema, required: true },
    total: { type: Number, required: true },
  },
  { timestamps: false, versionKey: false },
);
ballotSchema.index({ roundId: 1, memberId: 1 });

export function ballotModel(conn: Connection) {
  return conn.model<BallotRecord>('Ballot', ballotSchema);
}
