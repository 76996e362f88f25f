import { Schema, type Connection, type Types } from 'mongoose';

/** A comment on a standard during its comment period (群众议标准). */
export interface StandardCommentRecord {
  _id: Types.ObjectId;
  authorId: number;
  authorName: string;
  text: string;
  revision: number;
  at: Date;
}

/** A member's post standard (定标); the approved one is the 定标公示卡. One per member and branch. */
export interface StandardRecord {
  _id: Types.ObjectId;
  branchId: Types.ObjectId;
  memberId: Types.ObjectId;
  userId: number;
  status: 'draft' | 'commenting' | 'approved' | 'returned';
  text: string;
  revision: number;
  openedAt?: Date;
  closesAt?: Date;
  approvedAt?: Date;
  /** Why the secretary approved before the comment period ended (提前审定), when so. */
  earlyReason?: string;
  /** The text as last approved: it stays on the card while a revision is under comment. */
  approvedText?: string;
  returnedAt?: Date;
  reason?: string;
  /** The group message announcing the current revision, with its buttons. */
  postMessageId?: number;
  comments: StandardCommentRecord[];
}

const commentSchema = new Schema<StandardCommentRecord>({
  authorId: { type: Number, required: true },
  authorName: { type: String, required: true },
  text: { type: String, required: true },
  revision: { type: Number, required: true },
  at: { type: Date, required: true },
});

const standardSchema = new Schema<StandardRecord>(
  {
    branchId: { type: Schema.Types.ObjectId, required: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Number, required: true },
    status: { type: String, enum: ['draft', 'commenting', 'approved', 'returned'], required: true },
    text: { type: String, required: true },
    revision: { type: Number, required: true },
    openedAt: Date,
    closesAt: Date,
    approvedAt: Date,
    earlyReason: String,
    approvedText: String,
    returnedAt: Date,
    reason: String,
    postMessageId: Number,
    comments: { type: [commentSchema], default: [] },
  },
  { timestamps: true },
);
standardSchema.index({ branchId: 1, userId: 1 }, { unique: true });
standardSchema.index({ branchId: 1, status: 1 });

export function standardModel(conn: Connection) {
  return conn.model<StandardRecord>('Standard', standardSchema);
}
