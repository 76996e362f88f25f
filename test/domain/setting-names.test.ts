import { describe, expect, it } from 'vitest';
import { SETTING_NAMES_ZH, settingKeyOf } from '../../src/domain/setting-names.js';
import { parseSettingsPatch, SETTINGS_KEYS } from '../../src/domain/settings-patch.js';

describe('settings by their Chinese names (issue 15 item 15)', () => {
  it('every /settings key has a Chinese name, and no name belongs to two keys', () => {
    expect(Object.keys(SETTING_NAMES_ZH).sort()).toEqual([...SETTINGS_KEYS].sort());
    const names = Object.values(SETTING_NAMES_ZH).flat();
    expect(new Set(names).size).toBe(names.length);
  });
  it.each([
    ['公示天数', 'commentPeriodDays'],
    ['commentperioddays', 'commentPeriodDays'],
    ['合格分', 'passScore'],
    ['语言', 'language'],
    ['不存在', undefined],
  ])('%s names %s', (word, key) => {
    expect(settingKeyOf(word)).toBe(key);
  });
  it('a patch can be written with the Chinese name', () => {
    expect(parseSettingsPatch('公示天数', '1')).toEqual(parseSettingsPatch('commentPeriodDays', '1'));
    expect(parseSettingsPatch('公示天数', '1')).toMatchObject({ ok: true });
  });
});
