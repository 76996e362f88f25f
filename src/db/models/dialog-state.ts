import { Schema, type Connection } from 'mongoose';

/** State of grammY conversations, keyed by chat and user, so a dialog survives a restart. */
const dialogStateSchema = new Schema(
  {
    /** `<chat id>:<user id>` */
    _id: { type: String, required: true },
    state: { type: Schema.Types.Mixed, required: true },
    updatedAt: { type: Date, required: true },
    /** When the question now open goes stale: the sweeper ends the dialog with a note. */
    expiresAt: { type: Date },
    idleMinutes: { type: Number },
    /**
     * Set by the dialog sweep when it ends the dialog: from then on the dialog is gone for the bot,
     * and the record stays until its note is queued (so a crash in between loses no note).
     */
    endingAt: { type: Date },
  },
  { versionKey: false, minimize: false },
);
dialogStateSchema.index({ expiresAt: 1 }, { sparse: true });

export function dialogStateModel(conn: Connection) {
  return conn.model('DialogState', dialogStateSchema);
}
