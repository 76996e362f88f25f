import { readerLocale, type Locale } from '../domain/locale.js';

/** One button of an outgoing message: a link (deep link into the bot) or a callback. */
export interface OutButton {
  text: string;
  url?: string;
  callbackData?: string;
}

/** The Bot API's form of buttons: for the sender, and for editing a post that was sent as a notice. */
export const inlineKeyboard = (buttons: readonly OutButton[][]) => ({
  inline_keyboard: buttons.map((row) =>
    row.map((b) =>
      b.url ? { text: b.text, url: b.url } : { text: b.text, callback_data: b.callbackData ?? '-' },
    ),
  ),
});

/**
 * Which chart to draw: a branch's rating of a month, or a committee's comparison of its branches
 * (read from the stored award).
 */
export type ChartSpec =
  | { kind?: 'rating'; branchId: string; month: string; locale: 'zh' | 'en' }
  | { kind: 'comparison'; committeeId: string; month: string; locale: 'zh' | 'en' };

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
  /** Takes away the reply keyboard a dialog left in a private chat (instead of `buttons`). */
  removeKeyboard?: boolean;
  /** A chart photo, rendered by the sender from stored results (keeps Redis small). */
  chart?: ChartSpec;
  caption?: string;
  /**
   * Where the product promises delivery (a member is told an outcome): what to post instead when
   * `chatId` cannot be reached (400/403: never opened the private chat, blocked the bot). The
   * sender queues it under the key `<key>:fallback`.
   */
  fallback?: { chatId: number; text: string; html?: boolean };
  /** A post edited later (a standard's post shows its comment count): its message id is kept on the record once sent. */
  keep?: SentRef;
  /** The message this one replies to in `chatId` (sent even when it was deleted meanwhile). */
  replyTo?: number;
  /**
   * A batch of answers to a flooded group (jobs/coalesce.ts): the text is built from the batch
   * when the message is sent, so answers that join until then go out in this one message.
   */
  batch?: string;
}

/** The record whose post a message is; the worker stores the sent message's id on it. */
export type SentRef =
  | { kind: 'standard-post'; id: string }
  /** A branch's roster board (公示榜) of generation `gen` (src/services/roster-board.ts). */
  | { kind: 'roster-board'; id: string; gen: number };

export type { Locale } from '../domain/locale.js';
export { monthLabel } from '../domain/locale-format.js';
/** Fluent lookup outside an update: the worker's i18n `t(locale, key, params)`. */
export type Translate = (locale: Locale, key: string, params?: Record<string, string | number>) => string;

/** ★★★☆☆ */
export function starsText(stars: number, max: number): string {
  return '★'.repeat(Math.max(0, stars)) + '☆'.repeat(Math.max(0, max - stars));
}

interface StoredReader {
  _id: number;
  language?: Locale;
  telegramLanguage?: string;
  startedBot?: boolean;
  remindersPaused?: boolean;
}

/**
 * For each reader of a private message: the language by the one rule (`readerLocale`: their
 * choice, else their Telegram language as last seen, else `branchLocale`), and whether a message
 * may reach them (started the bot, reminders not paused). One query for the lot.
 */
export async function localesOf(
  UserPref: { find: (q: object) => { lean: () => Promise<unknown[]> } },
  userIds: number[],
  branchLocale: Locale,
): Promise<Map<number, { locale: Locale; started: boolean; paused: boolean }>> {
  const prefs = (await UserPref.find({ _id: { $in: userIds } }).lean()) as StoredReader[];
  const byId = new Map(prefs.map((p) => [p._id, p]));
  return new Map(
    userIds.map((id) => {
      const p = byId.get(id);
      const locale = readerLocale({
        chosen: p?.language,
        telegram: p?.telegramLanguage,
        branch: branchLocale,
      });
      return [id, { locale, started: p?.startedBot ?? false, paused: p?.remindersPaused ?? false }];
    }),
  );
}
