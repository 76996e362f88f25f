import { z } from 'zod';
import { isIsoDate, isValidTimeZone } from './dates.js';
import { fail, ok, type Result } from './errors.js';

/** Weights of the three rating sources (自评 / 群众测评 / 组织考评), in percent. */
export interface Weights {
  readonly self: number;
  readonly masses: number;
  readonly organisation: number;
}

/** Branch dates that override the national holiday calendar. */
export interface HolidayOverrides {
  readonly workdays: readonly string[];
  readonly holidays: readonly string[];
}

/** Per-branch settings (支部设置): every default the rule book leaves open. */
export interface BranchSettings {
  readonly language: 'zh' | 'en';
  readonly timeZone: string;
  readonly commentPeriodDays: number;
  readonly leadingMinPledgeItems: number;
  readonly normalMinPledgeItems: number;
  readonly weights: Weights;
  readonly dimensionMax: number;
  readonly passScore: number;
  readonly massesMinBallots: number;
  readonly maxStars: number;
  readonly plateLossConsecutiveFails: number;
  readonly plateRestoreConsecutivePasses: number;
  readonly roundOpenDaysBeforeMonthEnd: number;
  readonly roundOpenHour: number;
  readonly roundCloseDay: number;
  readonly roundCloseHour: number;
  readonly reminderHour: number;
  readonly objectionWindowDays: number;
  readonly deedReminderDay: number;
  readonly pledgeReminderDaysBefore: readonly number[];
  readonly remindersPaused: boolean;
  readonly dialogIdleMinutes: number;
  /** Annual appraisal: 优秀 for at most one in this many full members (3: a third). */
  readonly excellentOneIn: number;
  readonly holidayOverrides: HolidayOverrides;
}

export const DEFAULT_SETTINGS: BranchSettings = {
  language: 'zh',
  timeZone: 'Asia/Shanghai',
  commentPeriodDays: 3,
  leadingMinPledgeItems: 3,
  normalMinPledgeItems: 1,
  weights: { self: 20, masses: 40, organisation: 40 },
  dimensionMax: 25,
  passScore: 80,
  massesMinBallots: 3,
  maxStars: 5,
  plateLossConsecutiveFails: 2,
  plateRestoreConsecutivePasses: 2,
  roundOpenDaysBeforeMonthEnd: 3,
  roundOpenHour: 9,
  roundCloseDay: 1,
  roundCloseHour: 9,
  reminderHour: 9,
  objectionWindowDays: 3,
  deedReminderDay: 25,
  pledgeReminderDaysBefore: [7, 1],
  remindersPaused: false,
  dialogIdleMinutes: 30,
  excellentOneIn: 3,
  holidayOverrides: { workdays: [], holidays: [] },
};

/** Allowed range of every integer setting; `/settings` reports these as min/max. */
export const INTEGER_RANGES = {
  commentPeriodDays: [1, 30],
  leadingMinPledgeItems: [1, 20],
  normalMinPledgeItems: [1, 20],
  dimensionMax: [5, 100],
  passScore: [1, 100],
  massesMinBallots: [1, 100],
  maxStars: [1, 10],
  plateLossConsecutiveFails: [1, 12],
  plateRestoreConsecutivePasses: [1, 12],
  roundOpenDaysBeforeMonthEnd: [1, 10],
  roundOpenHour: [0, 23],
  roundCloseDay: [1, 28],
  roundCloseHour: [0, 23],
  reminderHour: [0, 23],
  objectionWindowDays: [0, 14],
  deedReminderDay: [1, 28],
  dialogIdleMinutes: [5, 1440],
  excellentOneIn: [1, 20],
} as const satisfies Record<string, readonly [number, number]>;
export type IntegerSettingKey = keyof typeof INTEGER_RANGES;

/** Range of each day in `pledgeReminderDaysBefore`, and how many reminders at most. */
export const REMINDER_DAYS_RANGE = [1, 60] as const;
export const MAX_PLEDGE_REMINDERS = 5;

const int = (key: IntegerSettingKey) =>
  z.number().int().min(INTEGER_RANGES[key][0]).max(INTEGER_RANGES[key][1]);
const isoDate = z.string().refine(isIsoDate, 'not a YYYY-MM-DD date');

/** Schema of stored branch settings: every field present, cross-field rules checked. */
export const branchSettingsSchema = z
  .object({
    language: z.enum(['zh', 'en']),
    timeZone: z.string().refine(isValidTimeZone, 'unknown IANA time zone'),
    ...(Object.fromEntries(
      Object.keys(INTEGER_RANGES).map((k) => [k, int(k as IntegerSettingKey)]),
    ) as Record<IntegerSettingKey, z.ZodNumber>),
    weights: z.object({
      self: z.number().int().min(0).max(100),
      masses: z.number().int().min(0).max(100),
      organisation: z.number().int().min(0).max(100),
    }),
    pledgeReminderDaysBefore: z
      .array(z.number().int().min(REMINDER_DAYS_RANGE[0]).max(REMINDER_DAYS_RANGE[1]))
      .max(MAX_PLEDGE_REMINDERS),
    remindersPaused: z.boolean(),
    holidayOverrides: z.object({ workdays: z.array(isoDate), holidays: z.array(isoDate) }),
  })
  .refine((s) => s.weights.self + s.weights.masses + s.weights.organisation === 100, {
    message: 'weights must sum to 100',
    path: ['weights'],
  })
  .refine((s) => s.leadingMinPledgeItems >= s.normalMinPledgeItems, {
    message: 'leading members need at least as many pledge items as others',
    path: ['leadingMinPledgeItems'],
  });

/**
 * Fills missing fields of stored settings with defaults and validates the whole.
 * Unknown stored fields are dropped; an invalid stored value gives `error-settings-invalid`.
 */
export function resolveSettings(stored: unknown): Result<BranchSettings> {
  const partial = typeof stored === 'object' && stored !== null ? stored : {};
  const parsed = branchSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...partial });
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  return fail('error-settings-invalid', { path: issue?.path.join('.') ?? '', message: issue?.message ?? '' });
}
