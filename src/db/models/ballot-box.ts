import { Schema, type Connection, type Types } from 'mongoose';
import type { ScoreSheet } from '../../domain/rating.js';
import { scoreSheetSchema } from './self-evaluation.js';

/** One anonymous masses ballot (群众测评): the scores, never the rater. */
export interface BallotEntry {
  sheet: ScoreSheet;
  total: number;
}

/**
 * The ballot box of one member in one round. `raters` (who has rated this member: the rule "one
 * ballot per rater per member per round") and `entries` (the ballots) are two arrays, each new
 * value put at its own uniformly random position, so neither the order of the arrays nor anything
 * else pairs a rater with a ballot (README, "Anonymity"). The id is the natural key, and there are
 * no timestamps: no time is stored at all. Rater and ballot arrive in one write, so a ballot is
 * either cast and counted or not cast, never half.
 */
export interface BallotBoxRecord {
  /** `<roundId>:<memberId>` */
  _id: string;
  roundId: Types.ObjectId;
  memberId: Types.ObjectId;
  raters: number[];
  entries: BallotEntry[];
  /** How many ballots: the guard of the next write (its random positions are drawn from it). */
  size: number;
}

const entrySchema = new Schema<BallotEntry>(
  { sheet: { type: scoreSheetSchema, required: true }, total: { type: Number, required: true } },
  { _id: false },
);

const ballotBoxSchema = new Schema<BallotBoxRecord>(
  {
    _id: { type: String, required: true },
    roundId: { type: Schema.Types.ObjectId, required: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
    raters: { type: [Number], required: true },
    entries: { type: [entrySchema], required: true },
    size: { type: Number, required: true },
  },
  { timestamps: false, versionKey: false },
);
ballotBoxSchema.index({ roundId: 1 });

export const ballotBoxId = (roundId: Types.ObjectId, memberId: Types.ObjectId) =>
  `${String(roundId)}:${String(memberId)}`;

export function ballotBoxModel(conn: Connection) {
  return conn.model<BallotBoxRecord>('BallotBox', ballotBoxSchema);
}
