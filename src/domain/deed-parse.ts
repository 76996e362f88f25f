import { DateTime } from 'luxon';
import { parseDateText } from './date-text.js';
import { localDate, type IsoDate } from './dates.js';
import { fail, ok, type Result } from './errors.js';
import { toHalfWidth } from './text.js';

/** Oldest deed a member may still report, in days before today (branch zone). */
export const DEED_MAX_AGE_DAYS = 60;
export const PEOPLE_HELPED_MAX = 100_000;

/** Checks a deed date: not in the future and at most DEED_MAX_AGE_DAYS before today. */
export function checkDeedDate(date: IsoDate, now: Date, tz: string): Result<IsoDate> {
  const today = localDate(now, tz);
  if (date > today) return fail('error-deed-date-in-future', { today });
  const oldest = DateTime.fromISO(today).minus({ days: DEED_MAX_AGE_DAYS }).toISODate() ?? '';
  if (date < oldest) return fail('error-deed-date-too-old', { maxDays: DEED_MAX_AGE_DAYS, oldest });
  return ok(date);
}

/**
 * Parses when a deed happened through the one date reader (src/domain/date-text.ts): every common
 * form, a date without its year being the latest such day not after today (12-30 typed on
 * 2 January means last December), 今天/昨天/前天; then checks it is not ahead nor too old.
 */
export function parseDeedDate(text: string, now: Date, tz: string): Result<IsoDate> {
  const date = parseDateText(text, localDate(now, tz), 'past');
  if (!date) return fail('error-deed-bad-date', { value: text.trim() });
  return checkDeedDate(date, now, tz);
}

/** Parses how many people a deed helped: digits (also full-width), optional 人 suffix, 1–100000. */
export function parsePeopleCount(text: string): Result<number> {
  const t = toHalfWidth(text)
    .trim()
    .replace(/\s*(人|people|persons?)$/i, '');
  if (!/^\d{1,9}$/.test(t)) return fail('error-deed-people-not-number', { value: text.trim() });
  const count = Number(t);
  if (count < 1 || count > PEOPLE_HELPED_MAX) {
    return fail('error-deed-people-out-of-range', { min: 1, max: PEOPLE_HELPED_MAX, value: count });
  }
  return ok(count);
}
