import { Schema, type Connection, type Types } from 'mongoose';

/**
 * One period of a branch (or general branch) belonging to a parent committee. Leaving or moving
 * closes the current period (`current: false`, `to` set) and keeps it: the history stays.
 */
export interface AffiliationRecord {
  _id: Types.ObjectId;
  childId: Types.ObjectId;
  childKind: 'branch' | 'general';
  parentId: Types.ObjectId;
  current: boolean;
  from: Date;
  to?: Date;
  /** The invite code it was made with, and who confirmed it (the child's secretary). */
  inviteCode: string;
  confirmedBy: number;
}

const affiliationSchema = new Schema<AffiliationRecord>(
  {
    childId: { type: Schema.Types.ObjectId, required: true },
    childKind: { type: String, enum: ['branch', 'general'], required: true },
    parentId: { type: Schema.Types.ObjectId, required: true },
    current: { type: Boolean, required: true },
    from: { type: Date, required: true },
    to: { type: Date },
    inviteCode: { type: String, required: true },
    confirmedBy: { type: Number, required: true },
  },
  { timestamps: true },
);
// A child belongs to at most one parent at a time.
affiliationSchema.index({ childId: 1 }, { unique: true, partialFilterExpression: { current: true } });
affiliationSchema.index({ parentId: 1, current: 1 });

export function affiliationModel(conn: Connection) {
  return conn.model<AffiliationRecord>('Affiliation', affiliationSchema);
}
