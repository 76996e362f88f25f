import { MENU_KEYS } from '../../domain/setting-choices.js';

/**
 * Callback data of the settings menu, packed and read in this one place
 * (test/bot/settings-data.test.ts: every button of every setting fits Telegram's 64 bytes).
 */
export type SettingsCallback =
  { kind: 'list' } | { kind: 'show'; key: string } | { kind: 'set'; key: string; value: string };

export const SETTINGS_CALLBACK = /^cfg:/;

export function packSettings(cb: SettingsCallback): string {
  if (cb.kind === 'list') return 'cfg:l';
  if (cb.kind === 'show') return `cfg:s:${cb.key}`;
  return `cfg:v:${cb.key}:${cb.value}`;
}

export function unpackSettings(data: string): SettingsCallback | null {
  if (data === 'cfg:l') return { kind: 'list' };
  const m = /^cfg:([sv]):([A-Za-z]+)(?::(.{1,40}))?$/.exec(data);
  if (!m || !MENU_KEYS.includes(m[2]!)) return null;
  if (m[1] === 's') return m[3] === undefined ? { kind: 'show', key: m[2]! } : null;
  return m[3] === undefined ? null : { kind: 'set', key: m[2]!, value: m[3] };
}
