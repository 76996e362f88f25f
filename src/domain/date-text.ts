import { DateTime } from 'luxon';
import type { IsoDate } from './dates.js';
import { toHalfWidth } from './text.js';

/**
 * The one reader of dates and periods as people type them, used by every question that asks for
 * one (a pledge's due date, a deed's day, the settings' holiday lists, /export's period). Pure:
 * `today` is the branch-local date the answer is read against.
 */

/** Which way a date typed without its year lies: a deed happened (past), a pledge falls due (future). */
export type DateSide = 'past' | 'future';

const RELATIVE_DAYS: Readonly<Record<string, number>> = {
  今天: 0,
  今日: 0,
  today: 0,
  昨天: -1,
  昨日: -1,
  yesterday: -1,
  前天: -2,
  明天: 1,
  明日: 1,
  tomorrow: 1,
  后天: 2,
};
const YEAR_WORDS: Readonly<Record<string, number>> = { 今年: 0, 本年: 0, 明年: 1, 去年: -1 };
/** Period words: the same year words, and English ones (spaces are dropped before reading). */
const PERIOD_YEAR_WORDS: Readonly<Record<string, number>> = { ...YEAR_WORDS, thisyear: 0, lastyear: -1 };

/** Full-width digits and marks made plain, spaces dropped, Latin lower-cased. */
const normal = (text: string) => toHalfWidth(text).trim().toLowerCase().replace(/\s+/g, '');

function dayOf(year: number, month: number, day: number): DateTime | null {
  const dt = DateTime.fromObject({ year, month, day }, { zone: 'UTC' });
  return dt.isValid ? dt : null;
}

/**
 * A date typed in any of the common forms, as 'YYYY-MM-DD', or null: 2027-03-31, 2027/3/31,
 * 2027.3.31, 2027年3月31日 (or 号); without a year 3-31, 3/31, 3月31日, whose year is the one that puts it
 * on `side` of today (this year, else the year before or after); 今年/明年/去年3月31日; and
 * 今天, 昨天, 前天, 明天, 后天 (today, yesterday, tomorrow). Full-width digits are accepted.
 */
export function parseDateText(text: string, today: IsoDate, side: DateSide): IsoDate | null {
  const t = normal(text);
  const base = DateTime.fromISO(today, { zone: 'UTC' });
  if (!base.isValid) throw new RangeError(`not a date: ${today}`);
  const shift = RELATIVE_DAYS[t];
  if (shift !== undefined) return base.plus({ days: shift }).toISODate();
  // Separators pair up: 2027-3/31 is a typo, not a date.
  let m =
    /^(\d{4})(?:-(\d{1,2})-(\d{1,2})|\/(\d{1,2})\/(\d{1,2})|\.(\d{1,2})\.(\d{1,2})|年(\d{1,2})月(\d{1,2})[日号]?)$/.exec(
      t,
    );
  if (m) {
    const [month, day] = [m[2] ?? m[4] ?? m[6] ?? m[8], m[3] ?? m[5] ?? m[7] ?? m[9]];
    return dayOf(Number(m[1]), Number(month), Number(day))?.toISODate() ?? null;
  }
  m = /^(今年|本年|明年|去年)?(\d{1,2})(?:[-/](\d{1,2})|月(\d{1,2})[日号]?)$/.exec(t);
  if (!m) return null;
  const month = Number(m[2]);
  const day = Number(m[3] ?? m[4]);
  if (m[1]) return dayOf(base.year + YEAR_WORDS[m[1]]!, month, day)?.toISODate() ?? null;
  const thisYear = dayOf(base.year, month, day);
  if (side === 'past') {
    if (thisYear && thisYear <= base) return thisYear.toISODate();
    return dayOf(base.year - 1, month, day)?.toISODate() ?? null;
  }
  if (thisYear && thisYear >= base) return thisYear.toISODate();
  return dayOf(base.year + 1, month, day)?.toISODate() ?? null;
}

/** A stretch of whole months: a year, a quarter or a month. */
export interface MonthSpan {
  readonly kind: 'year' | 'quarter' | 'month';
  readonly year: number;
  /** 1–4 for a quarter, 1–12 for a month; absent for a year. */
  readonly index?: number;
}

const QUARTER_WORDS: Readonly<Record<string, number>> = {
  本季度: 0,
  本季: 0,
  这个季度: 0,
  thisquarter: 0,
  上季度: -1,
  上季: -1,
  上个季度: -1,
  lastquarter: -1,
};
const MONTH_WORDS: Readonly<Record<string, number>> = {
  本月: 0,
  这个月: 0,
  thismonth: 0,
  上月: -1,
  上个月: -1,
  lastmonth: -1,
};

/**
 * A period typed in any of the common forms, or null: 2026, 2026年 (a year); 2026Q3, 2026-Q3,
 * 2026年第3季度, 2026年三季度 (a quarter); 2026-07, 2026/7, 2026年7月 (a month); and words read
 * against `today`: 今年/本年/去年, 本季度/上季度, 本月/上月 (this year, last quarter, ...). An empty
 * text is not a period.
 */
export function parsePeriodText(text: string, today: IsoDate): MonthSpan | null {
  const t = normal(text);
  const base = DateTime.fromISO(today, { zone: 'UTC' });
  if (!base.isValid) throw new RangeError(`not a date: ${today}`);
  const year = PERIOD_YEAR_WORDS[t];
  if (year !== undefined) return { kind: 'year', year: base.year + year };
  const quarter = QUARTER_WORDS[t];
  if (quarter !== undefined) {
    const first = base.startOf('quarter').plus({ months: 3 * quarter });
    return { kind: 'quarter', year: first.year, index: first.quarter };
  }
  const month = MONTH_WORDS[t];
  if (month !== undefined) {
    const first = base.startOf('month').plus({ months: month });
    return { kind: 'month', year: first.year, index: first.month };
  }
  let m = /^(\d{4})年?$/.exec(t);
  if (m) return { kind: 'year', year: Number(m[1]) };
  m = /^(\d{4})(?:-?q([1-4])|年第?([1-4一二三四])季度?)$/.exec(t);
  if (m) return { kind: 'quarter', year: Number(m[1]), index: quarterIndex(m[2] ?? m[3]!) };
  m = /^(\d{4})(?:[-/.](\d{1,2})|年(\d{1,2})月)$/.exec(t);
  if (m) {
    const index = Number(m[2] ?? m[3]);
    return index >= 1 && index <= 12 ? { kind: 'month', year: Number(m[1]), index } : null;
  }
  return null;
}

const quarterIndex = (q: string) => ('一二三四'.includes(q) ? '一二三四'.indexOf(q) + 1 : Number(q));
