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
    rosterMessageId: { type: Number },
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
