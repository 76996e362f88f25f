import { parseDateText } from './date-text.js';
import { settingKeyOf } from './setting-names.js';
import { canonicalTimeZone, isValidTimeZone, type IsoDate } from './dates.js';
import { fail, ok, type Result } from './errors.js';
import {
  branchSettingsSchema,
  INTEGER_RANGES,
  MAX_PLEDGE_REMINDERS,
  REMINDER_DAYS_RANGE,
  type BranchSettings,
  type HolidayOverrides,
  type IntegerSettingKey,
} from './settings.js';
import { toHalfWidth } from './text.js';

/** A change to some settings; holiday override lists are replaced one list at a time. */
export type SettingsPatch = Partial<Omit<BranchSettings, 'holidayOverrides'>> & {
  readonly holidayOverrides?: Partial<HolidayOverrides>;
};

const OTHER_KEYS = [
  'language',
  'timeZone',
  'weights',
  'pledgeReminderDaysBefore',
  'remindersPaused',
  'holidayWorkdays',
  'holidays',
] as const;
/** Keys accepted by `/settings <key> <value>`. */
export const SETTINGS_KEYS: readonly string[] = [...OTHER_KEYS, ...Object.keys(INTEGER_RANGES)];

const TRUE_WORDS = new Set(['on', 'true', 'yes', '1', '开', '开启', '是']);
const FALSE_WORDS = new Set(['off', 'false', 'no', '0', '关', '关闭', '否']);
const CLEAR_WORDS = new Set(['-', 'none', 'off', '无', '清空']);
const MAX_OVERRIDE_DATES = 100;

const isIntegerKey = (key: string): key is IntegerSettingKey => Object.hasOwn(INTEGER_RANGES, key);
const splitList = (text: string) => text.split(/[\s,，、/;；]+/).filter((part) => part.length > 0);

/**
 * Parses one `/settings <key> <value>` command into a patch. Full-width digits are accepted.
 * Booleans: on/off, true/false, yes/no, 开/关, 是/否. Lists: comma, space or 、 separated; `-` clears.
 * Dates in any common form (src/domain/date-text.ts); without a year, the next such day after
 * `today` (the branch's date; when not given, a date must carry its year).
 */
export function parseSettingsPatch(name: string, rawText: string, today?: IsoDate): Result<SettingsPatch> {
  // A key by its name or one of its Chinese names (公示天数).
  const key = settingKeyOf(name) ?? name;
  const text = toHalfWidth(rawText).trim();
  if (isIntegerKey(key)) return parseInteger(key, text);
  switch (key) {
    case 'language':
      return parseLanguage(text);
    case 'timeZone':
      return isValidTimeZone(text)
        ? ok({ timeZone: canonicalTimeZone(text) })
        : fail('error-settings-bad-time-zone', { zone: text });
    case 'weights':
      return parseWeights(text);
    case 'pledgeReminderDaysBefore':
      return parseReminderDays(text);
    case 'remindersPaused':
      return parseBoolean(text);
    case 'holidayWorkdays':
    case 'holidays':
      return parseDates(key === 'holidays' ? 'holidays' : 'workdays', text, today);
    default:
      return fail('error-settings-unknown-key', { key, known: SETTINGS_KEYS.join(', ') });
  }
}

/** Applies a patch to current settings and re-checks cross-field rules (weights sum, pledge minimums). */
export function applySettingsPatch(current: BranchSettings, patch: SettingsPatch): Result<BranchSettings> {
  const next = {
    ...current,
    ...patch,
    holidayOverrides: { ...current.holidayOverrides, ...patch.holidayOverrides },
  };
  if (next.leadingMinPledgeItems < next.normalMinPledgeItems) {
    return fail('error-settings-min-items-order', {
      leading: next.leadingMinPledgeItems,
      normal: next.normalMinPledgeItems,
    });
  }
  const parsed = branchSettingsSchema.safeParse(next);
  if (parsed.success) return ok(parsed.data);
  return fail('error-settings-invalid', { path: parsed.error.issues[0]?.path.join('.') ?? '' });
}

function parseInteger(key: IntegerSettingKey, text: string): Result<SettingsPatch> {
  if (!/^\d{1,6}$/.test(text)) return fail('error-settings-not-integer', { key, value: text });
  const [min, max] = INTEGER_RANGES[key];
  const value = Number(text);
  if (value < min || value > max) return fail('error-settings-out-of-range', { key, min, max, value });
  return ok({ [key]: value });
}

function parseLanguage(text: string): Result<SettingsPatch> {
  const lower = text.toLowerCase();
  if (['zh', '中文', 'chinese'].includes(lower)) return ok({ language: 'zh' });
  if (['en', 'english', '英文', '英语'].includes(lower)) return ok({ language: 'en' });
  return fail('error-settings-bad-language', { value: text });
}

function parseWeights(text: string): Result<SettingsPatch> {
  const parts = splitList(text);
  if (parts.length !== 3 || !parts.every((p) => /^\d{1,3}$/.test(p))) {
    return fail('error-settings-weights-format', { value: text });
  }
  const [self, masses, organisation] = parts.map(Number) as [number, number, number];
  const sum = self + masses + organisation;
  if (sum !== 100) return fail('error-settings-weights-sum', { sum });
  return ok({ weights: { self, masses, organisation } });
}

function parseReminderDays(text: string): Result<SettingsPatch> {
  if (CLEAR_WORDS.has(text.toLowerCase())) return ok({ pledgeReminderDaysBefore: [] });
  const parts = splitList(text);
  const [min, max] = REMINDER_DAYS_RANGE;
  const days = parts.map(Number);
  const valid =
    parts.length > 0 &&
    parts.length <= MAX_PLEDGE_REMINDERS &&
    parts.every((p) => /^\d{1,2}$/.test(p)) &&
    days.every((d) => d >= min && d <= max) &&
    new Set(days).size === days.length;
  if (!valid)
    return fail('error-settings-reminder-days-format', { min, max, maxCount: MAX_PLEDGE_REMINDERS });
  return ok({ pledgeReminderDaysBefore: [...days].sort((a, b) => b - a) });
}

function parseBoolean(text: string): Result<SettingsPatch> {
  const lower = text.toLowerCase();
  if (TRUE_WORDS.has(lower)) return ok({ remindersPaused: true });
  if (FALSE_WORDS.has(lower)) return ok({ remindersPaused: false });
  return fail('error-settings-bad-boolean', { value: text });
}

function parseDates(list: keyof HolidayOverrides, text: string, today?: IsoDate): Result<SettingsPatch> {
  if (CLEAR_WORDS.has(text.toLowerCase())) return ok({ holidayOverrides: { [list]: [] } });
  // A slash belongs to a date here (2027/3/31), so it does not separate.
  const words = text.split(/[\s,，、;；]+/).filter((part) => part.length > 0);
  const read = (w: string) =>
    today || /^\d{4}/.test(w) ? parseDateText(w, today ?? '2000-01-01', 'future') : null;
  const bad = words.find((w) => read(w) === null);
  if (words.length === 0 || bad !== undefined) return fail('error-settings-bad-date', { value: bad ?? text });
  const dates = words.map((w) => read(w)!);
  if (dates.length > MAX_OVERRIDE_DATES)
    return fail('error-settings-out-of-range', { key: list, min: 1, max: MAX_OVERRIDE_DATES });
  return ok({ holidayOverrides: { [list]: [...new Set(dates)].sort() } });
}
