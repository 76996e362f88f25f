import { Schema, type Connection } from 'mongoose';

/** State of grammY conversations, keyed by chat and user, so a dialog survives a restart. */
const dialogStateSchema = new Schema(
  {
    _id: { type: String, required: true },
    state: { type: Schema.Types.Mixed, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);

export function dialogStateModel(conn: Connection) {
  return conn.model('DialogState', dialogStateSchema);
}
