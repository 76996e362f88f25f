/** The languages the bot writes in. Chinese first: the product's home language. */
export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh';
/**
 * Each language named in itself, the same for every reader (the /language buttons): a reader who
 * cannot read the current language still finds their own, so these are not translated.
 */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { zh: '中文', en: 'English' };

/**
 * One of our languages for a Telegram `language_code` (zh-hans, zh-TW, en-US, ...), or undefined
 * for a language we do not write (ru, de, ...): that reader then gets the branch's language, which
 * is a better guess than either of ours picked blindly.
 */
export function localeOfCode(code: string | undefined): Locale | undefined {
  const c = code?.toLowerCase();
  if (c?.startsWith('zh')) return 'zh';
  if (c?.startsWith('en')) return 'en';
  return undefined;
}

/** What is known about one reader's language. */
export interface ReaderLanguage {
  /** Chosen with /language in private: always wins. */
  chosen?: Locale | undefined;
  /** Telegram's `language_code` of the reader's client, as last seen (in any chat). */
  telegram?: string | undefined;
  /** The language of the reader's branch (its group's language). */
  branch?: Locale | undefined;
}

/**
 * The one rule for the language of a message a person reads alone (a private message, a button
 * alert): their own choice, else their Telegram client's language as last seen, else their
 * branch's language, else Chinese. Group posts do not use it: they speak the branch's language.
 */
export function readerLocale({ chosen, telegram, branch }: ReaderLanguage): Locale {
  return chosen ?? localeOfCode(telegram) ?? branch ?? DEFAULT_LOCALE;
}
