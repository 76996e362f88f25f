import { describe, expect, it } from 'vitest';
import type { WorkCalendar } from '../../src/domain/calendar.js';
import { CHINA_HOLIDAYS } from '../../src/domain/calendar-data.js';
import {
  deedDigestDate,
  overdueNoticeDate,
  pledgeReminderDates,
  quarterStartDate,
  roundCloseDate,
  roundClosingOn,
  roundOpenDate,
  roundOpeningOn,
  roundReminderDate,
} from '../../src/domain/rating-schedule.js';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.js';

const cal = (holidays: string[] = []): WorkCalendar => ({
  data: CHINA_HOLIDAYS,
  overrides: { holidays, workdays: [] },
});
const s = DEFAULT_SETTINGS;

describe('round dates (default: opens for the last 3 days, closes on the 1st)', () => {
  it.each([
    ['2026-11', '2026-11-28', '2026-12-01'],
    ['2026-02', '2026-02-26', '2026-03-01'],
    ['2028-02', '2028-02-27', '2028-03-01'],
    ['2026-12', '2026-12-29', '2027-01-01'],
  ])('%s opens %s closes %s', (month, open, close) => {
    expect(roundOpenDate(month, s)).toBe(open);
    expect(roundCloseDate(month, s)).toBe(close);
    expect(roundOpeningOn(open, s)).toBe(month);
    expect(roundClosingOn(close, s)).toBe(month);
  });

  it('finds no round on other days and follows the settings', () => {
    expect(roundOpeningOn('2026-11-27', s)).toBeNull();
    expect(roundClosingOn('2026-12-02', s)).toBeNull();
    const custom = { roundOpenDaysBeforeMonthEnd: 5, roundCloseDay: 3 };
    expect(roundOpenDate('2026-11', custom)).toBe('2026-11-26');
    expect(roundClosingOn('2026-12-03', custom)).toBe('2026-11');
  });
});

describe('reminder days move off holidays', () => {
  it.each([
    ['2026-11', [], '2026-11-25'],
    ['2026-04', [], '2026-04-27'],
    ['2026-09', [], '2026-09-28'],
    ['2026-10', [], '2026-10-26'],
    ['2026-11', ['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30'], '2026-11-24'],
  ])('deed digest of %s (extra holidays %j) on %s', (month, holidays, date) => {
    expect(deedDigestDate(month, s, cal(holidays))).toBe(date);
  });

  it.each([
    ['2026-11', '2026-11-30'],
    ['2026-09', '2026-09-30'],
    ['2026-10', '2026-10-30'],
    ['2026-01', '2026-01-30'],
  ])('round reminder of %s on %s', (month, date) => {
    expect(roundReminderDate(month, s, cal())).toBe(date);
  });

  it('reminds of a pledge item 7 and 1 days ahead, before the due date', () => {
    expect(pledgeReminderDates('2026-10-05', [7, 1], cal())).toEqual([
      { daysBefore: 7, date: '2026-09-28' },
      { daysBefore: 1, date: '2026-09-30' },
    ]);
    expect(pledgeReminderDates('2026-12-10', [7, 1], cal())).toEqual([
      { daysBefore: 7, date: '2026-12-03' },
      { daysBefore: 1, date: '2026-12-09' },
    ]);
  });

  it.each([
    ['2026-09-30', '2026-10-08'],
    ['2026-11-26', '2026-11-27'],
    ['2026-11-27', '2026-11-30'],
  ])('overdue notice for an item due %s on %s', (due, date) => {
    expect(overdueNoticeDate(due, cal())).toBe(date);
  });

  it.each([
    ['2026-10', '2026-10-08'],
    ['2026-04', '2026-04-01'],
    ['2026-01', '2026-01-04'], // a make-up working Sunday,
    ['2026-11', null],
  ])('quarter start of %s on %s', (month, date) => {
    expect(quarterStartDate(month, cal())).toBe(date);
  });
});
