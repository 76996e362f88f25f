import { DateTime } from 'luxon';
import { addDays, parseIsoDate, type IsoDate } from './dates.js';
import type { HolidayOverrides } from './settings.js';

/** A national holiday calendar: days off, make-up working days (调休), and the years it covers. */
export interface HolidayData {
  readonly holidays: ReadonlySet<IsoDate>;
  readonly makeUpWorkdays: ReadonlySet<IsoDate>;
  readonly firstYear: number;
  readonly lastYear: number;
}

/** A branch's working-day calendar: the national data plus the branch's own override days. */
export interface WorkCalendar {
  readonly data: HolidayData;
  readonly overrides: HolidayOverrides;
}

/** How far a reminder may be moved looking for a working day (Spring Festival is 9 days). */
const MAX_SHIFT_DAYS = 31;

function dateOf(date: IsoDate) {
  const dt = parseIsoDate(date);
  if (!dt) throw new RangeError(`not a date: ${date}`);
  return dt;
}

/** True when the national data covers the date's year; other years fall back to weekends. */
export function calendarCovers(date: IsoDate, data: HolidayData): boolean {
  const year = dateOf(date).year;
  return year >= data.firstYear && year <= data.lastYear;
}

/**
 * Is the date a working day? Branch overrides first, then (for covered years) national holidays
 * and make-up working days, then Monday–Friday.
 */
export function isWorkingDay(date: IsoDate, cal: WorkCalendar): boolean {
  if (cal.overrides.holidays.includes(date)) return false;
  if (cal.overrides.workdays.includes(date)) return true;
  if (calendarCovers(date, cal.data)) {
    if (cal.data.holidays.has(date)) return false;
    if (cal.data.makeUpWorkdays.has(date)) return true;
  }
  return dateOf(date).weekday <= 5;
}

/** The date itself when it is a working day, else the next working day. */
export function nextWorkingDay(date: IsoDate, cal: WorkCalendar): IsoDate {
  let d = date;
  for (let i = 0; i <= MAX_SHIFT_DAYS; i++, d = addDays(d, 1)) if (isWorkingDay(d, cal)) return d;
  return date;
}

/**
 * Moves a reminder off a non-working day: forward to the next working day, but when that would
 * reach `deadline` (the thing reminded about has passed by then) back to the last working day
 * before it. With no working day either way the original date stays.
 */
export function shiftReminder(date: IsoDate, cal: WorkCalendar, deadline?: IsoDate): IsoDate {
  const forward = nextWorkingDay(date, cal);
  if (deadline === undefined || forward < deadline) return forward;
  let d = addDays(date, -1);
  for (let i = 0; i < MAX_SHIFT_DAYS; i++, d = addDays(d, -1)) if (isWorkingDay(d, cal)) return d;
  return date;
}

/** A month as 'YYYY-MM'. */
export type MonthKey = string;

/** The month of a calendar date. */
export function monthOf(date: IsoDate): MonthKey {
  return date.slice(0, 7);
}

/** True for a real 'YYYY-MM'. */
export function isMonthKey(text: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(text);
}

/** The month `n` months after (negative: before) the given one. */
export function addMonths(month: MonthKey, n: number): MonthKey {
  return dateOf(`${month}-01`).plus({ months: n }).toFormat('yyyy-MM');
}

/** Number of days in the month. */
export function daysInMonth(month: MonthKey): number {
  return dateOf(`${month}-01`).daysInMonth ?? 30;
}

/** The calendar date of a day in a month ('2026-11', 25 → '2026-11-25'). */
export function dayOfMonth(month: MonthKey, day: number): IsoDate {
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** The instant of `hour:00` on a calendar date in the zone. */
export function instantAt(date: IsoDate, hour: number, tz: string): Date {
  const d = dateOf(date);
  return DateTime.fromObject({ year: d.year, month: d.month, day: d.day, hour }, { zone: tz }).toJSDate();
}

/** The quarter (1–4) of a month. */
export function quarterOf(month: MonthKey): { year: number; quarter: number } {
  const m = Number(month.slice(5, 7));
  return { year: Number(month.slice(0, 4)), quarter: Math.ceil(m / 3) };
}

/** The key of the quarter ('2026Q3') of a month 'YYYY-MM' or a day 'YYYY-MM-DD'. */
export function quarterKey(monthOrDay: string): string {
  const { year, quarter } = quarterOf(monthOrDay.slice(0, 7));
  return `${year}Q${quarter}`;
}

/**
 * The last whole quarter before a month or a day: what a roll-up, a commentary or a quarter's
 * report written then is about by default.
 */
export function quarterBefore(monthOrDay: string): string {
  return quarterKey(addMonths(monthOrDay.slice(0, 7), -3));
}
