import { describe, expect, it } from 'vitest';
import { localeOfCode, readerLocale, type ReaderLanguage } from '../../src/domain/locale.js';
import {
  dateLabel,
  dateTimeLabel,
  listLabel,
  monthLabel,
  quarterLabel,
} from '../../src/domain/locale-format.js';

describe('readerLocale: the one rule for the language of what a person reads alone', () => {
  it.each<[ReaderLanguage, 'zh' | 'en']>([
    [{ chosen: 'en', telegram: 'zh-hans', branch: 'zh' }, 'en'],
    [{ chosen: 'zh', telegram: 'en-US', branch: 'en' }, 'zh'],
    [{ telegram: 'en-US', branch: 'zh' }, 'en'],
    [{ telegram: 'en', branch: 'zh' }, 'en'],
    [{ telegram: 'zh-hans', branch: 'en' }, 'zh'],
    [{ telegram: 'zh-TW', branch: 'en' }, 'zh'],
    // A Telegram language we do not write: the branch's language, not a blind guess.
    [{ telegram: 'ru', branch: 'en' }, 'en'],
    [{ telegram: 'ru', branch: 'zh' }, 'zh'],
    [{ branch: 'en' }, 'en'],
    [{ telegram: '', branch: 'en' }, 'en'],
    [{ telegram: 'ru' }, 'zh'],
    [{}, 'zh'],
  ])('%j → %s', (reader, locale) => {
    expect(readerLocale(reader)).toBe(locale);
  });

  it.each([
    ['en-GB', 'en'],
    ['EN', 'en'],
    ['zh-hant', 'zh'],
    ['de', undefined],
    [undefined, undefined],
  ])('language_code %s → %s', (code, locale) => {
    expect(localeOfCode(code)).toBe(locale);
  });
});

describe('months, dates and lists the reader’s way', () => {
  it.each([
    ['2026-12', 'zh', '2026年12月'],
    ['2026-12', 'en', 'December 2026'],
    ['2027-01', 'zh', '2027年1月'],
    ['2027-01', 'en', 'January 2027'],
  ] as const)('month %s in %s → %s', (month, locale, text) => {
    expect(monthLabel(month, locale)).toBe(text);
  });

  it.each([
    ['2026-12-05', 'zh', '2026年12月5日'],
    ['2026-12-05', 'en', '5 December 2026'],
  ] as const)('date %s in %s → %s', (date, locale, text) => {
    expect(dateLabel(date, locale)).toBe(text);
  });

  it('writes an instant in the branch’s zone', () => {
    const at = new Date('2026-12-04T17:30:00Z');
    expect(dateTimeLabel(at, 'Asia/Shanghai', 'zh')).toBe('2026年12月5日 01:30');
    expect(dateTimeLabel(at, 'Asia/Shanghai', 'en')).toBe('5 December 2026, 01:30');
    expect(dateTimeLabel(at, 'Europe/London', 'en')).toBe('4 December 2026, 17:30');
  });

  it('writes quarters and lists', () => {
    expect(quarterLabel('2026Q4', 'zh')).toBe('2026年第4季度');
    expect(quarterLabel('2026Q4', 'en')).toBe('Q4 2026');
    expect(listLabel(['张三', '李四'], 'zh')).toBe('张三、李四');
    expect(listLabel(['Ann', 'Bob'], 'en')).toBe('Ann, Bob');
  });
});
