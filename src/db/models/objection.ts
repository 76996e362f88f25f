import { Schema, type Connection, type Types } from 'mongoose';

/** A member's objection (异议) to their provisional result, resolved by the secretary. */
export interface ObjectionRecord {
  _id: Types.ObjectId;
  roundId: Types.ObjectId;
  branchId: Types.ObjectId;
  month: string;
  memberId: Types.ObjectId;
  userId: number;
  text: string;
  status: 'open' | 'resolved';
  resolution?: string;
  /** The organisation score set on resolving, when the secretary changed it. */
  newOrgScore?: number;
  resolvedBy?: number;
  resolvedAt?: Date;
}

const objectionSchema = new Schema<ObjectionRecord>(
  {
    roundId: { type: Schema.Types.ObjectId, required: true },
    branchId: { type: Schema.Types.ObjectId, required: true },
    month: { type: String, required: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Number, required: true },
    text: { type: String, required: true },
    status: { type: String, enum: ['open', 'resolved'], required: true },
    resolution: { type: String },
    newOrgScore: { type: Number },
    resolvedBy: { type: Number },
    resolvedAt: { type: Date },
  },
  { timestamps: true },
);
objectionSchema.index({ roundId: 1, memberId: 1 }, { unique: true });
objectionSchema.index({ roundId: 1, status: 1 });

export function objectionModel(conn: Connection) {
  return conn.model<ObjectionRecord>('Objection', objectionSchema);
}
