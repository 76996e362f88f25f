import { describe, expect, it } from 'vitest';
import { MENU_KEYS, settingChoices } from '../../src/domain/setting-choices.js';
import { applySettingsPatch, parseSettingsPatch } from '../../src/domain/settings-patch.js';
import { DEFAULT_SETTINGS, type BranchSettings } from '../../src/domain/settings.js';

const TODAY = '2026-12-06';
const valid = (key: string, value: string) => {
  const patch = parseSettingsPatch(key, value, TODAY);
  return patch.ok && applySettingsPatch(DEFAULT_SETTINGS, patch.value).ok;
};

describe('the settings menu offers values', () => {
  it('for every setting but the typed date lists, each one the setting accepts, the default among them', () => {
    for (const key of MENU_KEYS) {
      const choices = settingChoices(key, DEFAULT_SETTINGS);
      if (key === 'holidays' || key === 'holidayWorkdays') {
        expect(choices).toBeNull();
        continue;
      }
      expect(choices, key).not.toBeNull();
      expect(choices!.length).toBeLessThanOrEqual(6);
      for (const v of choices!) expect(valid(key, v), `${key} ${v}`).toBe(true);
    }
  });

  it.each<[string, Partial<BranchSettings>, string[]]>([
    ['passScore', { passScore: 78 }, ['60', '70', '75', '78', '80', '85']],
    ['passScore', { passScore: 80 }, ['60', '70', '75', '80', '85']],
    ['roundOpenHour', { roundOpenHour: 23 }, ['8', '9', '10', '14', '23']],
    [
      'weights',
      { weights: { self: 10, masses: 45, organisation: 45 } },
      ['20/40/40', '30/40/30', '20/30/50', '30/30/40', '10/45/45'],
    ],
    [
      'timeZone',
      { timeZone: 'Europe/Berlin' },
      ['Asia/Shanghai', 'Asia/Urumqi', 'Asia/Hong_Kong', 'Asia/Macau', 'Europe/Berlin'],
    ],
    ['remindersPaused', { remindersPaused: true }, ['off', 'on']],
  ])('%s with %o offers %o (the current value among them)', (key, change, expected) => {
    expect(settingChoices(key, { ...DEFAULT_SETTINGS, ...change })).toEqual(expected);
  });
});
