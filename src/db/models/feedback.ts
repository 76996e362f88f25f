import { Schema, type Connection, type Types } from 'mongoose';
import { FEEDBACK_KINDS, type FeedbackKind } from '../../domain/feedback.js';

/**
 * An entry of the feedback book (意见簿). Anonymous entries have no `senderUserId`: the
 * service never writes it, and nothing else records who sent them.
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
  createdAt: Date;
}

const feedbackSchema = new Schema<FeedbackRecord>(
  {
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
  },
  { timestamps: true },
);
feedbackSchema.index({ branchId: 1, status: 1 });
feedbackSchema.index({ memberId: 1, createdAt: -1 });

export function feedbackModel(conn: Connection) {
  return conn.model<FeedbackRecord>('Feedback', feedbackSchema);
}
