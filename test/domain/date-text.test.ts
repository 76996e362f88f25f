import { describe, expect, it } from 'vitest';
import { parseDateText, parsePeriodText } from '../../src/domain/date-text.js';

/** The one reader of typed dates and periods, as a table: what people type → the date meant. */
describe('parseDateText', () => {
  const today = '2026-12-05';
  it.each([
    ['2027-03-31', 'future', '2027-03-31'],
    ['2027/3/31', 'future', '2027-03-31'],
    ['2027.3.31', 'future', '2027-03-31'],
    ['2027年3月31日', 'future', '2027-03-31'],
    ['2027 年 3 月 31 日', 'future', '2027-03-31'],
    ['２０２７－０３－３１', 'future', '2027-03-31'],
    ['3月31日', 'future', '2027-03-31'],
    ['3月31号', 'future', '2027-03-31'],
    ['3/31', 'future', '2027-03-31'],
    ['12-31', 'future', '2026-12-31'],
    ['12月5日', 'future', '2026-12-05'],
    ['明年3月31日', 'future', '2027-03-31'],
    ['今年12月20日', 'future', '2026-12-20'],
    ['明天', 'future', '2026-12-06'],
    ['后天', 'future', '2026-12-07'],
    ['12-30', 'past', '2025-12-30'],
    ['12-5', 'past', '2026-12-05'],
    ['11月30日', 'past', '2026-11-30'],
    ['去年12月30日', 'past', '2025-12-30'],
    ['今天', 'past', '2026-12-05'],
    ['Yesterday', 'past', '2026-12-04'],
    ['前天', 'past', '2026-12-03'],
  ] as const)('%j (%s) → %s', (text, side, date) => {
    expect(parseDateText(text, today, side)).toBe(date);
  });

  it.each(['2026-02-29', '2026-13-01', '2027-3/31', '13月1日', '2月30日', '3.31', '下周', '', '20270331'])(
    '%j is no date',
    (text) => {
      expect(parseDateText(text, today, 'future')).toBeNull();
      expect(parseDateText(text, today, 'past')).toBeNull();
    },
  );

  it('29 February without a year is the next (or last) leap year’s only when that is this or the adjacent year', () => {
    expect(parseDateText('2月29日', '2027-12-01', 'future')).toBe('2028-02-29');
    expect(parseDateText('2月29日', '2025-03-01', 'past')).toBe('2024-02-29');
    expect(parseDateText('2月29日', '2026-03-01', 'future')).toBeNull();
  });
});

describe('parsePeriodText', () => {
  const today = '2026-12-05';
  it.each([
    ['2026', { kind: 'year', year: 2026 }],
    ['2026年', { kind: 'year', year: 2026 }],
    ['今年', { kind: 'year', year: 2026 }],
    ['去年', { kind: 'year', year: 2025 }],
    ['last year', { kind: 'year', year: 2025 }],
    ['2026Q3', { kind: 'quarter', year: 2026, index: 3 }],
    ['2026-q1', { kind: 'quarter', year: 2026, index: 1 }],
    ['2026年第3季度', { kind: 'quarter', year: 2026, index: 3 }],
    ['2026年三季度', { kind: 'quarter', year: 2026, index: 3 }],
    ['本季度', { kind: 'quarter', year: 2026, index: 4 }],
    ['上季度', { kind: 'quarter', year: 2026, index: 3 }],
    ['2026-07', { kind: 'month', year: 2026, index: 7 }],
    ['2026/7', { kind: 'month', year: 2026, index: 7 }],
    ['2026年7月', { kind: 'month', year: 2026, index: 7 }],
    ['本月', { kind: 'month', year: 2026, index: 12 }],
    ['上月', { kind: 'month', year: 2026, index: 11 }],
    ['last month', { kind: 'month', year: 2026, index: 11 }],
  ])('%j → %o', (text, span) => {
    expect(parsePeriodText(text, today)).toEqual(span);
  });

  it('reads 上季度 and 上月 across the new year', () => {
    expect(parsePeriodText('上季度', '2027-01-10')).toEqual({ kind: 'quarter', year: 2026, index: 4 });
    expect(parsePeriodText('上月', '2027-01-10')).toEqual({ kind: 'month', year: 2026, index: 12 });
  });

  it.each(['26', '2026-13', '2026Q5', '2026年13月', '季报', ''])('%j is no period', (text) => {
    expect(parsePeriodText(text, today)).toBeNull();
  });
});
