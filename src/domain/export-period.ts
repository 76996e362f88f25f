import { addMonths, type MonthKey } from './calendar.js';
import { parsePeriodText } from './date-text.js';
import type { IsoDate } from './dates.js';
import { fail, ok, type Result } from './errors.js';

/** The stretch of time an export covers: a year, a quarter or a month, in the branch's calendar. */
export interface ExportPeriod {
  readonly kind: 'year' | 'quarter' | 'month';
  /** '2026', '2026Q3' or '2026-07': also the file name's part. */
  readonly label: string;
  /** First day, and the day after the last (exclusive), as 'YYYY-MM-DD'. */
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** Every month of the period, in order. */
  readonly months: readonly MonthKey[];
  /** Every quarter ('2026Q3') the period touches. */
  readonly quarters: readonly string[];
  /** The pledge years the period touches (pledges are yearly). */
  readonly years: readonly number[];
}

function span(kind: ExportPeriod['kind'], label: string, first: MonthKey, count: number): ExportPeriod {
  const months = Array.from({ length: count }, (_, i) => addMonths(first, i));
  const quarters = [
    ...new Set(months.map((m) => `${m.slice(0, 4)}Q${Math.ceil(Number(m.slice(5, 7)) / 3)}`)),
  ];
  const years = [...new Set(months.map((m) => Number(m.slice(0, 4))))];
  return { kind, label, from: `${first}-01`, to: `${addMonths(first, count)}-01`, months, quarters, years };
}

const YEAR_MIN = 2000;
const YEAR_MAX = 2100;

/**
 * Reads the period of `/export` through the one period reader (src/domain/date-text.ts): a year
 * (2026, 2026年, 今年, 去年), a quarter (2026Q3, 2026年第3季度, 本季度, 上季度) or a month (2026-07,
 * 2026年7月, 本月, 上月); empty means the year of `today`. Anything else is refused with the forms.
 */
export function parseExportPeriod(text: string, today: IsoDate): Result<ExportPeriod> {
  if (text.trim() === '') return ok(span('year', today.slice(0, 4), `${today.slice(0, 4)}-01`, 12));
  const p = parsePeriodText(text, today);
  if (!p || p.year < YEAR_MIN || p.year > YEAR_MAX)
    return fail('error-export-bad-period', { value: text.trim() });
  const pad = (n: number) => String(n).padStart(2, '0');
  if (p.kind === 'year') return ok(span('year', String(p.year), `${p.year}-01`, 12));
  if (p.kind === 'quarter')
    return ok(span('quarter', `${p.year}Q${p.index}`, `${p.year}-${pad((p.index! - 1) * 3 + 1)}`, 3));
  const month = `${p.year}-${pad(p.index!)}`;
  return ok(span('month', month, month, 1));
}
