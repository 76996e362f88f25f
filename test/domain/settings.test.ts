import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, resolveSettings } from '../../src/domain/settings.js';
import { applySettingsPatch, parseSettingsPatch } from '../../src/domain/settings-patch.js';

describe('resolveSettings', () => {
  it('fills every default from nothing', () => {
    expect(resolveSettings(undefined)).toEqual({ ok: true, value: DEFAULT_SETTINGS });
  });

  it.each([
    [{ commentPeriodDays: 5 }, true],
    [{ timeZone: 'Europe/Berlin' }, true],
    [{ timeZone: 'Mars/Olympus' }, false],
    [{ weights: { self: 20, masses: 40, organisation: 41 } }, false],
    [{ weights: { self: 0, masses: 50, organisation: 50 } }, true],
    [{ leadingMinPledgeItems: 1, normalMinPledgeItems: 2 }, false],
    [{ holidayOverrides: { workdays: ['2026-02-30'], holidays: [] } }, false],
    [{ roundCloseDay: 29 }, false],
    [{ passScore: 80.5 }, false],
  ])('%j valid = %s', (stored, valid) => {
    const result = resolveSettings(stored);
    expect(result.ok).toBe(valid);
    if (!result.ok) expect(result.error.key).toBe('error-settings-invalid');
  });
});

describe('parseSettingsPatch: accepted values', () => {
  it.each([
    ['commentPeriodDays', '5', { commentPeriodDays: 5 }],
    ['commentPeriodDays', ' ７ ', { commentPeriodDays: 7 }],
    ['passScore', '100', { passScore: 100 }],
    ['roundOpenHour', '0', { roundOpenHour: 0 }],
    ['language', 'EN', { language: 'en' }],
    ['language', '中文', { language: 'zh' }],
    ['timeZone', 'Europe/Berlin', { timeZone: 'Europe/Berlin' }],
    ['timeZone', 'asia/shanghai', { timeZone: 'Asia/Shanghai' }],
    ['weights', '30/30/40', { weights: { self: 30, masses: 30, organisation: 40 } }],
    ['weights', '２０，４０，４０', { weights: { self: 20, masses: 40, organisation: 40 } }],
    ['pledgeReminderDaysBefore', '1, 14 7', { pledgeReminderDaysBefore: [14, 7, 1] }],
    ['pledgeReminderDaysBefore', 'off', { pledgeReminderDaysBefore: [] }],
    ['remindersPaused', '开', { remindersPaused: true }],
    ['remindersPaused', 'OFF', { remindersPaused: false }],
    ['holidays', '2026-10-09、2026-10-09', { holidayOverrides: { holidays: ['2026-10-09'] } }],
    ['holidayWorkdays', '-', { holidayOverrides: { workdays: [] } }],
    [
      'holidays',
      '2027/10/8, 2027年10月9日',
      { holidayOverrides: { holidays: ['2027-10-08', '2027-10-09'] } },
    ],
  ])('%s %j', (key, text, patch) => {
    expect(parseSettingsPatch(key, text)).toEqual({ ok: true, value: patch });
  });

  it('reads a holiday without its year as the next such day after the branch’s today', () => {
    expect(parseSettingsPatch('holidays', '10月8日', '2026-12-05')).toEqual({
      ok: true,
      value: { holidayOverrides: { holidays: ['2027-10-08'] } },
    });
  });
});

describe('parseSettingsPatch: rejected values', () => {
  it.each([
    ['colour', 'red', 'error-settings-unknown-key', { key: 'colour' }],
    ['commentPeriodDays', 'three', 'error-settings-not-integer', { key: 'commentPeriodDays' }],
    ['commentPeriodDays', '-1', 'error-settings-not-integer', {}],
    ['commentPeriodDays', '2.5', 'error-settings-not-integer', {}],
    ['commentPeriodDays', '0', 'error-settings-out-of-range', { min: 1, max: 30, value: 0 }],
    ['commentPeriodDays', '31', 'error-settings-out-of-range', { min: 1, max: 30 }],
    ['roundOpenHour', '24', 'error-settings-out-of-range', { min: 0, max: 23 }],
    ['roundCloseDay', '29', 'error-settings-out-of-range', { min: 1, max: 28 }],
    ['timeZone', 'UTC+8', 'error-settings-bad-time-zone', { zone: 'UTC+8' }],
    ['timeZone', 'Beijing', 'error-settings-bad-time-zone', {}],
    ['language', 'fr', 'error-settings-bad-language', {}],
    ['weights', '50/50', 'error-settings-weights-format', {}],
    ['weights', '20/40/41', 'error-settings-weights-sum', { sum: 101 }],
    ['pledgeReminderDaysBefore', '7,7', 'error-settings-reminder-days-format', { min: 1, max: 60 }],
    ['pledgeReminderDaysBefore', '61', 'error-settings-reminder-days-format', {}],
    ['pledgeReminderDaysBefore', '1,2,3,4,5,6', 'error-settings-reminder-days-format', { maxCount: 5 }],
    ['remindersPaused', 'maybe', 'error-settings-bad-boolean', {}],
    ['holidays', '2026-02-29', 'error-settings-bad-date', { value: '2026-02-29' }],
    ['holidays', '10-01', 'error-settings-bad-date', {}],
  ])('%s %j → %s', (key, text, errorKey, params) => {
    const result = parseSettingsPatch(key, text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.key).toBe(errorKey);
    expect(result.error.params).toMatchObject(params);
  });
});

describe('applySettingsPatch', () => {
  it('merges one holiday list and keeps the other', () => {
    const current = { ...DEFAULT_SETTINGS, holidayOverrides: { workdays: ['2026-10-10'], holidays: [] } };
    const result = applySettingsPatch(current, { holidayOverrides: { holidays: ['2026-10-09'] } });
    expect(result.ok && result.value.holidayOverrides).toEqual({
      workdays: ['2026-10-10'],
      holidays: ['2026-10-09'],
    });
  });

  it.each([
    [{ normalMinPledgeItems: 4 }, 'error-settings-min-items-order'],
    [{ dimensionMax: 1 }, 'error-settings-invalid'],
  ])('%j → %s', (patch, key) => {
    const result = applySettingsPatch(DEFAULT_SETTINGS, patch);
    expect(!result.ok && result.error.key).toBe(key);
  });

  it('accepts a valid change', () => {
    const result = applySettingsPatch(DEFAULT_SETTINGS, { leadingMinPledgeItems: 5 });
    expect(result.ok && result.value.leadingMinPledgeItems).toBe(5);
  });
});
