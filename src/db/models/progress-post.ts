import { Schema, type Connection } from 'mongoose';

/** The one /progress message (考评进度) of a branch in a chat, edited in place on later calls. */
export interface ProgressPostRecord {
  /** `<branch id>:<chat id>` */
  _id: string;
  messageId: number;
  updatedAt: Date;
}

const progressPostSchema = new Schema<ProgressPostRecord>(
  {
    _id: { type: String, required: true },
    messageId: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export function progressPostModel(conn: Connection) {
  return conn.model<ProgressPostRecord>('ProgressPost', progressPostSchema);
}
