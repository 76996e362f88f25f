import { addMonths, type MonthKey } from './calendar.js';
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
 * Reads the period of `/export`: '2026' (a year), '2026Q3' or '2026-Q3' (a quarter), '2026-07' (a
 * month); empty means the year of `today`. Anything else is refused with the forms to use.
 */
export function parseExportPeriod(text: string, today: IsoDate): Result<ExportPeriod> {
  const t = text.trim().toUpperCase();
  if (t === '') return ok(span('year', today.slice(0, 4), `${today.slice(0, 4)}-01`, 12));
  let m: RegExpExecArray | null;
  const inRange = (y: number) => y >= YEAR_MIN && y <= YEAR_MAX;
  if ((m = /^(\d{4})$/.exec(t)) && inRange(Number(m[1]))) return ok(span('year', m[1]!, `${m[1]}-01`, 12));
  if ((m = /^(\d{4})-?Q([1-4])$/.exec(t)) && inRange(Number(m[1]))) {
    const first = `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}`;
    return ok(span('quarter', `${m[1]}Q${m[2]}`, first, 3));
  }
  if ((m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(t)) && inRange(Number(m[1]))) return ok(span('month', t, t, 1));
  return fail('error-export-bad-period', { value: text.trim() });
}
