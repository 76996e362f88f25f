import { describe, expect, it } from 'vitest';
import {
  addMonths,
  calendarCovers,
  instantAt,
  isWorkingDay,
  nextWorkingDay,
  quarterBefore,
  quarterKey,
  shiftReminder,
  type WorkCalendar,
} from '../../src/domain/calendar.js';
import { CHINA_HOLIDAYS } from '../../src/domain/calendar-data.js';

const cal = (holidays: string[] = [], workdays: string[] = []): WorkCalendar => ({
  data: CHINA_HOLIDAYS,
  overrides: { holidays, workdays },
});

describe('isWorkingDay (chinese-days data, branch overrides, weekends for unknown years)', () => {
  it.each([
    ['2026-11-25', true, 'a Wednesday'],
    ['2026-11-28', false, 'a Saturday'],
    ['2026-10-01', false, 'National Day'],
    ['2026-10-07', false, 'National Day week'],
    ['2026-10-10', true, 'make-up working Saturday (调休)'],
    ['2026-09-20', true, 'make-up working Sunday'],
    ['2026-09-25', false, 'Mid-Autumn Friday'],
    ['2026-02-14', true, 'make-up Saturday before Spring Festival'],
    ['2026-02-18', false, 'Spring Festival'],
    ['2027-01-01', true, 'a Friday in a year the data does not cover yet'],
    ['2027-01-02', false, 'a Saturday in an uncovered year'],
  ])('%s → %s (%s)', (date, working) => {
    expect(isWorkingDay(date, cal())).toBe(working);
  });

  it('lets the branch override days both ways', () => {
    expect(isWorkingDay('2027-01-01', cal(['2027-01-01']))).toBe(false);
    expect(isWorkingDay('2026-10-02', cal([], ['2026-10-02']))).toBe(true);
    expect(isWorkingDay('2026-11-28', cal([], ['2026-11-28']))).toBe(true);
  });

  it('knows which years the data covers', () => {
    expect(calendarCovers('2026-06-01', CHINA_HOLIDAYS)).toBe(true);
    expect(calendarCovers(`${CHINA_HOLIDAYS.lastYear + 1}-06-01`, CHINA_HOLIDAYS)).toBe(false);
  });
});

describe('nextWorkingDay and shiftReminder', () => {
  it.each([
    ['2026-11-25', '2026-11-25'],
    ['2026-11-28', '2026-11-30'],
    ['2026-10-01', '2026-10-08'],
    ['2026-10-10', '2026-10-10'],
    ['2026-02-15', '2026-02-24'],
    ['2027-01-02', '2027-01-04'],
  ])('next working day from %s is %s', (date, next) => {
    expect(nextWorkingDay(date, cal())).toBe(next);
  });

  it.each([
    ['2026-10-03', undefined, '2026-10-08'],
    ['2026-10-03', '2026-10-20', '2026-10-08'],
    ['2026-10-03', '2026-10-05', '2026-09-30'],
    ['2026-10-03', '2026-10-08', '2026-09-30'],
    ['2026-09-29', '2026-10-05', '2026-09-29'],
  ])('reminder on %s with deadline %s goes to %s', (date, deadline, to) => {
    expect(shiftReminder(date, cal(), deadline)).toBe(to);
  });
});

describe('months and instants', () => {
  it.each([
    ['2026-11', 1, '2026-12'],
    ['2026-12', 1, '2027-01'],
    ['2026-01', -1, '2025-12'],
  ])('%s + %d = %s', (m, n, r) => {
    expect(addMonths(m, n)).toBe(r);
  });

  it.each([
    ['2026-10-09', '2026Q4', '2026Q3'],
    ['2026-12-31', '2026Q4', '2026Q3'],
    ['2027-01-01', '2027Q1', '2026Q4'],
    ['2026-04-01', '2026Q2', '2026Q1'],
    ['2026-03-31', '2026Q1', '2025Q4'],
    ['2026-07', '2026Q3', '2026Q2'],
    ['2026-01', '2026Q1', '2025Q4'],
  ])('%s is in %s; the quarter before it is %s', (when, q, before) => {
    expect(quarterKey(when)).toBe(q);
    expect(quarterBefore(when)).toBe(before);
  });

  it('places an hour in the branch zone', () => {
    expect(instantAt('2026-12-01', 9, 'Asia/Shanghai').toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(instantAt('2026-12-01', 9, 'Europe/Berlin').toISOString()).toBe('2026-12-01T08:00:00.000Z');
  });
});
