import { Schema, type Connection, type Types } from 'mongoose';
import type { TopTenCount } from '../../domain/top-ten.js';

/** One anonymous top-ten ballot (十佳): the chosen candidates' member ids, never the voter. */
export interface TopTenBallotEntry {
  choices: string[];
}

/**
 * A branch's top-ten vote of a year. As in the masses' ballot boxes, `voters` (who has voted: one
 * ballot each) and `ballots` are two arrays, each new value put at its own uniformly random
 * position in one write, and nothing carries a time (no timestamps), so nothing in the store pairs
 * a voter with a ballot (README, "Anonymity"). Counts exist only after closing.
 */
export interface TopTenVoteRecord {
  _id: Types.ObjectId;
  branchId: Types.ObjectId;
  year: number;
  status: 'open' | 'closed';
  ruleVersion: string;
  candidates: string[];
  seats: number;
  maxChoices: number;
  voters: number[];
  ballots: TopTenBallotEntry[];
  /** How many ballots: the guard of the next write. */
  size: number;
  result?: { counts: TopTenCount[]; valid: number; void: number };
}

const voteSchema = new Schema<TopTenVoteRecord>(
  {
    branchId: { type: Schema.Types.ObjectId, required: true },
    year: { type: Number, required: true },
    status: { type: String, enum: ['open', 'closed'], required: true },
    ruleVersion: { type: String, required: true },
    candidates: { type: [String], required: true },
    seats: { type: Number, required: true },
    maxChoices: { type: Number, required: true },
    voters: { type: [Number], required: true },
    ballots: { type: [new Schema<TopTenBallotEntry>({ choices: [String] }, { _id: false })], required: true },
    size: { type: Number, required: true },
    result: { type: Schema.Types.Mixed },
  },
  { timestamps: false, versionKey: false },
);
voteSchema.index({ branchId: 1, year: 1 }, { unique: true });

export function topTenVoteModel(conn: Connection) {
  return conn.model<TopTenVoteRecord>('TopTenVote', voteSchema);
}
