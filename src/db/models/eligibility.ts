import { Schema, type Connection, type Types } from 'mongoose';

/**
 * Who has already rated whom in a round (stored apart from the ballots, which carry no rater).
 * The unique index is the rule "one ballot per rater per member per round".
 */
export interface EligibilityRecord {
  _id: Types.ObjectId;
  roundId: Types.ObjectId;
  raterUserId: number;
  memberId: Types.ObjectId;
}

const eligibilitySchema = new Schema<EligibilityRecord>(
  {
    roundId: { type: Schema.Types.ObjectId, required: true },
    raterUserId: { type: Number, required: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: false, versionKey: false },
);
eligibilitySchema.index({ roundId: 1, raterUserId: 1, memberId: 1 }, { unique: true });

export function eligibilityModel(conn: Connection) {
  return conn.model<EligibilityRecord>('Eligibility', eligibilitySchema);
}
