import { DateTime } from 'luxon';
import { localDate, parseIsoDate, type IsoDate } from './dates.js';
import { fail, ok, type Result } from './errors.js';
import { toHalfWidth } from './text.js';

/** Oldest deed a member may still report, in days before today (branch zone). */
export const DEED_MAX_AGE_DAYS = 60;
export const PEOPLE_HELPED_MAX = 100_000;

const DAYS_AGO: Readonly<Record<string, number>> = {
  今天: 0,
  今日: 0,
  today: 0,
  昨天: 1,
  昨日: 1,
  yesterday: 1,
  前天: 2,
};

/** Checks a deed date: not in the future and at most DEED_MAX_AGE_DAYS before today. */
export function checkDeedDate(date: IsoDate, now: Date, tz: string): Result<IsoDate> {
  const today = localDate(now, tz);
  if (date > today) return fail('error-deed-date-in-future', { today });
  const oldest = DateTime.fromISO(today).minus({ days: DEED_MAX_AGE_DAYS }).toISODate() ?? '';
  if (date < oldest) return fail('error-deed-date-too-old', { maxDays: DEED_MAX_AGE_DAYS, oldest });
  return ok(date);
}

/**
 * Parses when a deed happened: `YYYY-MM-DD`, `MM-DD` / `M月D日` (this year, or last year when
 * that date is still ahead, so 12-30 typed on 2 January means last December),
 * 今天/今日/today, 昨天/昨日/yesterday, 前天. Full-width digits are accepted.
 */
export function parseDeedDate(text: string, now: Date, tz: string): Result<IsoDate> {
  const t = toHalfWidth(text).trim().toLowerCase();
  const today = DateTime.fromJSDate(now, { zone: tz }).startOf('day');
  const ago = DAYS_AGO[t];
  if (ago !== undefined) return checkDeedDate(today.minus({ days: ago }).toISODate() ?? '', now, tz);
  const full = parseIsoDate(t.replace(/\//g, '-'));
  if (full) return checkDeedDate(full.toISODate() ?? '', now, tz);
  const short = /^(\d{1,2})(?:-|\/|月)(\d{1,2})日?$/.exec(t);
  if (!short) return fail('error-deed-bad-date', { value: text.trim() });
  const candidate = (year: number) =>
    DateTime.fromObject({ year, month: Number(short[1]), day: Number(short[2]) }, { zone: tz });
  let date = candidate(today.year);
  // 02-29 in a common year is invalid in this year but may exist in the year before: still invalid here.
  if (!date.isValid) return fail('error-deed-bad-date', { value: text.trim() });
  if (date > today) date = candidate(today.year - 1);
  if (!date.isValid) return fail('error-deed-bad-date', { value: text.trim() });
  return checkDeedDate(date.toISODate() ?? '', now, tz);
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
