import { DateTime, IANAZone } from 'luxon';

/** A calendar date 'YYYY-MM-DD' with no time and no zone. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a strict 'YYYY-MM-DD' into a luxon date at midnight in `tz`, or null if it is no real date. */
export function parseIsoDate(text: string, tz = 'UTC'): DateTime | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const dt = DateTime.fromObject(
    { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) },
    { zone: tz },
  );
  return dt.isValid ? dt : null;
}

/** True when the text is a real calendar date in 'YYYY-MM-DD' form (2026-02-29 is not). */
export function isIsoDate(text: string): boolean {
  return parseIsoDate(text) !== null;
}

/** The branch-local calendar date of an instant. */
export function localDate(now: Date, tz: string): IsoDate {
  return DateTime.fromJSDate(now, { zone: tz }).toISODate() ?? '';
}

/**
 * The instant the branch-local day of `now` began: how precisely an anonymous entry's time is
 * kept, so the time says which day and nothing about who wrote it.
 */
export function startOfLocalDay(now: Date, tz: string): Date {
  return DateTime.fromJSDate(now, { zone: tz }).startOf('day').toJSDate();
}

/** Adds whole days to a calendar date. */
export function addDays(date: IsoDate, days: number): IsoDate {
  const dt = parseIsoDate(date);
  if (!dt) throw new RangeError(`not a date: ${date}`);
  return dt.plus({ days }).toISODate() ?? '';
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (!a || !b) throw new RangeError(`not a date: ${from} / ${to}`);
  return Math.round(b.diff(a, 'days').days);
}

/** True when `zone` is an IANA zone name (fixed offsets such as 'UTC+8' are not accepted). */
export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The canonical spelling of a valid IANA zone ('asia/shanghai' → 'Asia/Shanghai'). */
export function canonicalTimeZone(zone: string): string {
  return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
}
