import { toHalfWidth } from './text.js';

/**
 * The Chinese names a secretary may type for a setting (`/settings 公示天数 1`), the first being the
 * one shown. Every key of `/settings` has at least one; no name belongs to two keys.
 */
export const SETTING_NAMES_ZH: Readonly<Record<string, readonly string[]>> = {
  language: ['语言', '群语言'],
  timeZone: ['时区'],
  weights: ['考评权重', '权重'],
  pledgeReminderDaysBefore: ['承诺提醒天数', '承诺到期提醒'],
  remindersPaused: ['暂停提醒'],
  holidayWorkdays: ['额外工作日', '调休工作日'],
  holidays: ['额外休息日', '休息日'],
  commentPeriodDays: ['公示天数', '标准公示天数', '征求意见天数'],
  leadingMinPledgeItems: ['领导干部承诺条数'],
  normalMinPledgeItems: ['党员承诺条数', '普通党员承诺条数'],
  dimensionMax: ['维度满分'],
  passScore: ['合格分数线', '合格分'],
  massesMinBallots: ['群众最少票数'],
  maxStars: ['星级上限'],
  plateLossConsecutiveFails: ['摘牌次数'],
  plateRestoreConsecutivePasses: ['复牌次数'],
  roundOpenDaysBeforeMonthEnd: ['开评提前天数'],
  roundOpenHour: ['开评时间', '开评钟点'],
  roundCloseDay: ['结束日', '考评结束日'],
  roundCloseHour: ['结束时间', '考评结束钟点'],
  reminderHour: ['提醒时间', '提醒钟点'],
  objectionWindowDays: ['异议期天数', '异议天数'],
  deedReminderDay: ['实事提醒日'],
  dialogIdleMinutes: ['对话超时分钟', '对话超时'],
  excellentOneIn: ['优秀名额基数', '优秀比例'],
};

/** The setting key a typed word names: the key itself (any case) or one of its Chinese names. */
export function settingKeyOf(word: string): string | undefined {
  const w = toHalfWidth(word).trim();
  const keys = Object.keys(SETTING_NAMES_ZH);
  return (
    keys.find((k) => k.toLowerCase() === w.toLowerCase()) ??
    keys.find((k) => SETTING_NAMES_ZH[k]!.includes(w))
  );
}
