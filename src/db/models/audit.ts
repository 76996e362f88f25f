import { Schema, type Connection } from 'mongoose';

/** Every secretary action: who, what, when, the record before and after. */
const auditSchema = new Schema(
  {
    // A committee's actions (党委 / 党总支) carry committeeId instead.
    branchId: {
      type: Schema.Types.ObjectId,
      required: function (this: { committeeId?: unknown }) {
        return !this.committeeId;
      },
    },
    committeeId: { type: Schema.Types.ObjectId },
    actorId: { type: Number, required: true },
    action: { type: String, required: true },
    target: { type: String },
    before: { type: Schema.Types.Mixed },
    after: { type: Schema.Types.Mixed },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
auditSchema.index({ branchId: 1, at: -1 });
auditSchema.index({ committeeId: 1, at: -1 });

export function auditModel(conn: Connection) {
  return conn.model('Audit', auditSchema);
}
