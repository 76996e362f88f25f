import { randomBytes } from 'node:crypto';
import { Schema, Types, type Connection } from 'mongoose';
import { FEEDBACK_KINDS, type FeedbackKind } from '../../domain/feedback.js';

/**
 * An entry of the feedback book (意见簿). Anonymous entries have no `senderUserId`: the
 * service never writes it, and nothing else records who sent them. Nothing in an entry tells
 * when it was written more closely than the day (README, "Anonymity"): its id is random (an
 * ObjectId's leading bytes would be the second it was made), `createdAt` is the start of the
 * branch's day, and there is no `updatedAt`.
 */
export interface FeedbackRecord {
  _id: Types.ObjectId;
  branchId: Types.ObjectId;
  /** The member it is about; absent when it is about the branch as a whole. */
  memberId?: Types.ObjectId;
  kind: FeedbackKind;
  text: string;
  anonymous: boolean;
  senderUserId?: number;
  status: 'open' | 'handled';
  outcome?: string;
  /** Complaints only: whether the complaint was found justified. */
  upheld?: boolean;
  handledAt?: Date;
  handledBy?: number;
  /** The start of the day (branch time zone) the entry was written. */
  createdAt: Date;
}

/** A random id in ObjectId form: time-free, so ids say nothing about order or time. */
export const randomObjectId = () => new Types.ObjectId(randomBytes(12));

const feedbackSchema = new Schema<FeedbackRecord>(
  {
    _id: { type: Schema.Types.ObjectId, default: randomObjectId },
    branchId: { type: Schema.Types.ObjectId, required: true },
    memberId: { type: Schema.Types.ObjectId },
    kind: { type: String, enum: FEEDBACK_KINDS, required: true },
    text: { type: String, required: true },
    anonymous: { type: Boolean, required: true },
    senderUserId: { type: Number },
    status: { type: String, enum: ['open', 'handled'], required: true },
    outcome: { type: String },
    upheld: { type: Boolean },
    handledAt: { type: Date },
    handledBy: { type: Number },
    createdAt: { type: Date, required: true },
  },
  { timestamps: false },
);
feedbackSchema.index({ branchId: 1, status: 1 });
feedbackSchema.index({ memberId: 1, createdAt: -1 });

export function feedbackModel(conn: Connection) {
  return conn.model<FeedbackRecord>('Feedback', feedbackSchema);
}
