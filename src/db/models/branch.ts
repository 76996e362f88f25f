import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/** A Party branch (支部) working in one Telegram group. */
const branchSchema = new Schema(
  {
    chatId: { type: Number, required: true },
    /** Earlier ids of the same group (before it became a supergroup). */
    formerChatIds: { type: [Number], default: [] },
    name: { type: String, required: true },
    unit: { type: String, required: true },
    secretaryId: { type: Number, required: true },
    /** 支委: committee members appointed by the secretary among chat admins. */
    committeeIds: { type: [Number], default: [] },
    active: { type: Boolean, default: true },
    /** Branch settings; absent keys take the defaults of src/domain/settings. */
    settings: { type: Schema.Types.Mixed, default: {} },
    /** The roster board (公示榜) kept: its message id, set by the sender once the board is out. */
    rosterMessageId: { type: Number },
    /**
     * The board's generation: raised when a kept board is lost (its edit failed) or its post went
     * out in doubt, so the next board has a key of its own on the sender queue.
     */
    rosterGen: { type: Number, default: 0 },
    /**
     * The newest text of a board not yet kept (`{ text, buttons }`): the sender posts this one, and
     * edits its post to a newer one stored before it kept the id.
     */
    rosterDraft: { type: Schema.Types.Mixed },
    /** Rights the bot found missing, so it can tell the secretary once and not on every event. */
    missingRights: { type: [String], default: [] },
  },
  { timestamps: true, minimize: false },
);
branchSchema.index({ chatId: 1 }, { unique: true });

export type BranchDoc = InferSchemaType<typeof branchSchema> & { _id: import('mongoose').Types.ObjectId };

export function branchModel(conn: Connection) {
  return conn.model('Branch', branchSchema);
}
export type BranchModel = ReturnType<typeof branchModel>;
