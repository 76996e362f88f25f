import { Schema, type Connection, type Types } from 'mongoose';

/** 党委 (committee) or 党总支 (general branch, which may sit between a committee and its branches). */
export const COMMITTEE_KINDS = ['committee', 'general'] as const;
export type CommitteeKind = (typeof COMMITTEE_KINDS)[number];

/** How often the rotating red flag (流动红旗) passes on. */
export const RED_FLAG_PERIODS = ['month', 'quarter'] as const;
export type RedFlagPeriod = (typeof RED_FLAG_PERIODS)[number];

export interface CommitteeSettings {
  language: 'zh' | 'en';
  timeZone: string;
  redFlagPeriod: RedFlagPeriod;
  /**
   * The set day of the month (1–28) on which the month before is compared with the branches that
   * have closed it, when not every branch has by then.
   */
  comparisonDay: number;
}

export const DEFAULT_COMMITTEE_SETTINGS: CommitteeSettings = {
  language: 'zh',
  timeZone: 'Asia/Shanghai',
  redFlagPeriod: 'month',
  comparisonDay: 10,
};

/** A higher committee (机关党委 / 党总支) bound to a Telegram group of its own. */
export interface CommitteeRecord {
  _id: Types.ObjectId;
  chatId: number;
  formerChatIds: number[];
  kind: CommitteeKind;
  name: string;
  unit: string;
  /** The admin who bound the group: the committee's secretary. */
  secretaryId: number;
  /** Committee members (委员) appointed by the secretary among the group's admins. */
  committeeIds: number[];
  active: boolean;
  settings: CommitteeSettings;
  createdAt: Date;
  updatedAt: Date;
}

const committeeSchema = new Schema<CommitteeRecord>(
  {
    chatId: { type: Number, required: true },
    formerChatIds: { type: [Number], default: [] },
    kind: { type: String, enum: COMMITTEE_KINDS, required: true },
    name: { type: String, required: true },
    unit: { type: String, required: true },
    secretaryId: { type: Number, required: true },
    committeeIds: { type: [Number], default: [] },
    active: { type: Boolean, default: true },
    settings: { type: Schema.Types.Mixed, default: () => ({ ...DEFAULT_COMMITTEE_SETTINGS }) },
  },
  { timestamps: true, minimize: false },
);
committeeSchema.index({ chatId: 1 }, { unique: true });
committeeSchema.index({ secretaryId: 1 });
committeeSchema.index({ committeeIds: 1 });

export function committeeModel(conn: Connection) {
  return conn.model<CommitteeRecord>('Committee', committeeSchema);
}
