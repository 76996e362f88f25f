import { addDays, type IsoDate } from './dates.js';
import {
  addMonths,
  dayOfMonth,
  daysInMonth,
  nextWorkingDay,
  shiftReminder,
  type MonthKey,
  type WorkCalendar,
} from './calendar.js';
import type { BranchSettings } from './settings.js';

type RoundTiming = Pick<BranchSettings, 'roundOpenDaysBeforeMonthEnd' | 'roundCloseDay'>;

/** The round for `month` opens on the first of its last N days (default: the last 3). */
export function roundOpenDate(month: MonthKey, s: RoundTiming): IsoDate {
  const day = Math.max(1, daysInMonth(month) - s.roundOpenDaysBeforeMonthEnd + 1);
  return dayOfMonth(month, day);
}

/** The round for `month` closes in the following month on `roundCloseDay` (default the 1st). */
export function roundCloseDate(month: MonthKey, s: RoundTiming): IsoDate {
  return dayOfMonth(addMonths(month, 1), s.roundCloseDay);
}

/** The month whose round opens on `date`, if any. */
export function roundOpeningOn(date: IsoDate, s: RoundTiming): MonthKey | null {
  const month = date.slice(0, 7);
  return roundOpenDate(month, s) === date ? month : null;
}

/** The month whose round closes on `date`, if any. */
export function roundClosingOn(date: IsoDate, s: RoundTiming): MonthKey | null {
  const month = addMonths(date.slice(0, 7), -1);
  return roundCloseDate(month, s) === date ? month : null;
}

/** "Not yet self-evaluated" reminder: the day before close, moved to a working day before close. */
export function roundReminderDate(month: MonthKey, s: RoundTiming, cal: WorkCalendar): IsoDate {
  const close = roundCloseDate(month, s);
  return shiftReminder(addDays(close, -1), cal, close);
}

/** Day-25 digest of members with no verified deed, moved to a working day within the month. */
export function deedDigestDate(
  month: MonthKey,
  s: Pick<BranchSettings, 'deedReminderDay'>,
  cal: WorkCalendar,
): IsoDate {
  return shiftReminder(dayOfMonth(month, s.deedReminderDay), cal, dayOfMonth(addMonths(month, 1), 1));
}

/** Reminders N days before a pledge item's due date, each moved to a working day before it. */
export function pledgeReminderDates(due: IsoDate, daysBefore: readonly number[], cal: WorkCalendar) {
  return daysBefore.map((n) => ({ daysBefore: n, date: shiftReminder(addDays(due, -n), cal, due) }));
}

/** The overdue notice: the first working day after the due date. */
export function overdueNoticeDate(due: IsoDate, cal: WorkCalendar): IsoDate {
  return nextWorkingDay(addDays(due, 1), cal);
}

/** Commentary reminder and fulfilment report: the first working day of each quarter. */
export function quarterStartDate(month: MonthKey, cal: WorkCalendar): IsoDate | null {
  const m = Number(month.slice(5, 7));
  return (m - 1) % 3 === 0 ? nextWorkingDay(dayOfMonth(month, 1), cal) : null;
}
