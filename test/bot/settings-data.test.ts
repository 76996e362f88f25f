import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packSettings, unpackSettings } from '../../src/bot/features/settings-data.js';
import { MENU_KEYS, settingChoices } from '../../src/domain/setting-choices.js';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.js';
import { SETTING_NAMES_ZH } from '../../src/domain/setting-names.js';

describe('settings menu callback data', () => {
  it('every button of every setting packs within 64 bytes and reads back', () => {
    for (const key of MENU_KEYS) {
      expect(unpackSettings(packSettings({ kind: 'show', key }))).toEqual({ kind: 'show', key });
      for (const value of settingChoices(key, DEFAULT_SETTINGS) ?? []) {
        const data = packSettings({ kind: 'set', key, value });
        expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
        expect(unpackSettings(data)).toEqual({ kind: 'set', key, value });
      }
    }
    expect(unpackSettings(packSettings({ kind: 'list' }))).toEqual({ kind: 'list' });
  });
  it.each(['cfg:s:nope', 'cfg:v:passScore', 'cfg:s:passScore:80', 'cfg:x:passScore', 'cfg:', 'sa:1'])(
    'refuses %s',
    (d) => expect(unpackSettings(d)).toBeNull(),
  );
});

describe('settings menu names', () => {
  it('in Chinese are the first name /settings accepts, for every setting', () => {
    const ftl = readFileSync(new URL('../../src/locales/zh/settings.ftl', import.meta.url), 'utf8');
    for (const key of MENU_KEYS) {
      const shown = new RegExp(`^settings-name-${key} = (.+)$`, 'm').exec(ftl)?.[1];
      expect(shown, key).toBe(SETTING_NAMES_ZH[key]![0]);
    }
  });
});
