/** One button of an outgoing message: a link (deep link into the bot) or a callback. */
export interface OutButton {
  text: string;
  url?: string;
  callbackData?: string;
}

/**
 * A message for the sender queue. `key` is its natural key (kind, branch, month, member...):
 * the same message is queued and sent once however often it is produced.
 */
export interface OutgoingMessage {
  key: string;
  chatId: number;
  text?: string;
  html?: boolean;
  buttons?: OutButton[][];
  /** A chart photo, rendered by the sender from stored results (keeps Redis small). */
  chart?: { branchId: string; month: string; locale: 'zh' | 'en' };
  caption?: string;
}

export type Locale = 'zh' | 'en';
/** Fluent lookup outside an update: the worker's i18n `t(locale, key, params)`. */
export type Translate = (locale: Locale, key: string, params?: Record<string, string | number>) => string;

/** '2026-11' as people write it: 2026年11月 / 2026-11. */
export function monthLabel(month: string, locale: Locale): string {
  return locale === 'zh' ? `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月` : month;
}

/** ★★★☆☆ */
export function starsText(stars: number, max: number): string {
  return '★'.repeat(Math.max(0, stars)) + '☆'.repeat(Math.max(0, max - stars));
}

/** Language of a private message: the user's choice, else the branch's. */
export async function localesOf(
  UserPref: { find: (q: object) => { lean: () => Promise<unknown[]> } },
  userIds: number[],
  fallback: Locale,
): Promise<Map<number, { locale: Locale; started: boolean; paused: boolean }>> {
  const prefs = (await UserPref.find({ _id: { $in: userIds } }).lean()) as {
    _id: number;
    language?: Locale;
    startedBot?: boolean;
    remindersPaused?: boolean;
  }[];
  const byId = new Map(prefs.map((p) => [p._id, p]));
  return new Map(
    userIds.map((id) => {
      const p = byId.get(id);
      return [
        id,
        {
          locale: p?.language ?? fallback,
          started: p?.startedBot ?? false,
          paused: p?.remindersPaused ?? false,
        },
      ];
    }),
  );
}
