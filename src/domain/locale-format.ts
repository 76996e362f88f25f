import type { Locale } from './locale.js';

/*
 * Months, dates, times and lists the way each language writes them, in one place, so no message
 * builds a date of its own. Inputs are what the records store: 'YYYY-MM' months, 'YYYY-MM-DD'
 * dates, and instants shown in the branch's time zone.
 */

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const parts = (iso: string) => ({
  year: iso.slice(0, 4),
  month: Number(iso.slice(5, 7)),
  day: Number(iso.slice(8, 10)),
});

/** '2026-12' → 2026年12月 / December 2026. */
export function monthLabel(month: string, locale: Locale): string {
  const p = parts(month);
  return locale === 'zh' ? `${p.year}年${p.month}月` : `${MONTHS_EN[p.month - 1]} ${p.year}`;
}

/** '2026-12-05' → 2026年12月5日 / 5 December 2026. */
export function dateLabel(date: string, locale: Locale): string {
  const p = parts(date);
  return locale === 'zh'
    ? `${p.year}年${p.month}月${p.day}日`
    : `${p.day} ${MONTHS_EN[p.month - 1]} ${p.year}`;
}

/** An instant in a time zone: 2026年12月5日 09:00 / 5 December 2026, 09:00. */
export function dateTimeLabel(at: Date, timeZone: string, locale: Locale): string {
  const f = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at); // '2026-12-05 09:00'
  const [date, time] = f.split(' ') as [string, string];
  return locale === 'zh' ? `${dateLabel(date, locale)} ${time}` : `${dateLabel(date, locale)}, ${time}`;
}

/** A quarter as stored, '2026Q4' → 2026年第4季度 / Q4 2026. */
export function quarterLabel(quarter: string, locale: Locale): string {
  const [year, q] = quarter.split('Q') as [string, string];
  return locale === 'zh' ? `${year}年第${q}季度` : `Q${q} ${year}`;
}

/** Parts of a sentence: 政治思想 20，工作业绩 20 / Political thought 20, Work performance 20. */
export function clauseList(items: readonly string[], locale: Locale): string {
  return items.join(locale === 'zh' ? '，' : ', ');
}

/** Names in a sentence: 张三、李四 / Zhang, Li. */
export function listLabel(items: readonly string[], locale: Locale): string {
  return items.join(locale === 'zh' ? '、' : ', ');
}
