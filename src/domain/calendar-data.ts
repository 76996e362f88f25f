import { createRequire } from 'node:module';
import type { HolidayData } from './calendar.js';

interface ChineseDaysJson {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/**
 * China's public holidays and make-up working days (调休) as shipped by the `chinese-days` package
 * (data through the last year the State Council has published). Update with
 * `npm install chinese-days@latest`; years beyond the data fall back to plain weekends.
 */
function load(): HolidayData {
  const json = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysJson;
  const years = Object.keys(json.holidays).map((d) => Number(d.slice(0, 4)));
  return {
    holidays: new Set(Object.keys(json.holidays)),
    makeUpWorkdays: new Set(Object.keys(json.workdays)),
    firstYear: Math.min(...years),
    lastYear: Math.max(...years),
  };
}

export const CHINA_HOLIDAYS: HolidayData = load();
