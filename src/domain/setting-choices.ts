import { SETTINGS_KEYS } from './settings-patch.js';
import type { BranchSettings } from './settings.js';

/** How a setting reads in `/settings`, in the same form `/settings <key> <value>` accepts. */
export function formatSetting(s: BranchSettings, key: string): string {
  switch (key) {
    case 'weights':
      return `${s.weights.self}/${s.weights.masses}/${s.weights.organisation}`;
    case 'holidayWorkdays':
      return s.holidayOverrides.workdays.join(',') || '-';
    case 'holidays':
      return s.holidayOverrides.holidays.join(',') || '-';
    case 'remindersPaused':
      return s.remindersPaused ? 'on' : 'off';
    default: {
      const value = (s as unknown as Record<string, unknown>)[key];
      return Array.isArray(value) ? value.join(',') || '-' : String(value);
    }
  }
}

/**
 * The values the settings menu offers as buttons for each setting: the usual ones a branch picks
 * (the rule book's defaults among them). Dates of the branch's own calendar have none: they are
 * typed (`/settings 额外休息日 10月8日`).
 */
const TYPICAL: Readonly<Record<string, readonly string[] | null>> = {
  language: ['zh', 'en'],
  timeZone: ['Asia/Shanghai', 'Asia/Urumqi', 'Asia/Hong_Kong', 'Asia/Macau'],
  weights: ['20/40/40', '30/40/30', '20/30/50', '30/30/40'],
  pledgeReminderDaysBefore: ['7,1', '3,1', '1', '-'],
  remindersPaused: ['off', 'on'],
  holidayWorkdays: null,
  holidays: null,
  commentPeriodDays: ['1', '3', '5', '7'],
  leadingMinPledgeItems: ['2', '3', '4', '5'],
  normalMinPledgeItems: ['1', '2', '3'],
  dimensionMax: ['10', '20', '25'],
  passScore: ['60', '70', '75', '80', '85'],
  massesMinBallots: ['1', '3', '5', '10'],
  maxStars: ['3', '5'],
  plateLossConsecutiveFails: ['1', '2', '3'],
  plateRestoreConsecutivePasses: ['1', '2', '3'],
  roundOpenDaysBeforeMonthEnd: ['1', '2', '3', '5'],
  roundOpenHour: ['8', '9', '10', '14'],
  roundCloseDay: ['1', '3', '5', '10'],
  roundCloseHour: ['9', '12', '17', '18'],
  reminderHour: ['8', '9', '10', '17'],
  objectionWindowDays: ['0', '3', '5', '7'],
  deedReminderDay: ['20', '25', '28'],
  dialogIdleMinutes: ['15', '30', '60', '120'],
  excellentOneIn: ['3', '4', '5'],
};

/** Every setting the menu lists, in the order of `/settings`. */
export const MENU_KEYS: readonly string[] = SETTINGS_KEYS;

/**
 * The value buttons of one setting: the typical values with the current one among them (in the
 * form `/settings` shows, numbers in order), or null when the value is typed.
 */
export function settingChoices(key: string, current: BranchSettings): string[] | null {
  const typical = TYPICAL[key];
  if (!typical) return null;
  const now = formatSetting(current, key);
  if (typical.includes(now)) return [...typical];
  const all = [...typical, now];
  return typical.every((v) => /^\d+$/.test(v)) && /^\d+$/.test(now)
    ? all.sort((a, b) => Number(a) - Number(b))
    : all;
}
