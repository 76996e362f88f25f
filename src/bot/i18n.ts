import { fileURLToPath } from 'node:url';
import { I18n } from '@grammyjs/i18n';
import type { DialogContext } from './context.js';

export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh';

export const LOCALES_DIR = fileURLToPath(new URL('../locales', import.meta.url));

/** Maps a Telegram language_code (zh-hans, en-US, ...) to one of ours; Chinese unless it is English. */
export function localeOf(languageCode: string | undefined): Locale {
  return languageCode?.toLowerCase().startsWith('en') ? 'en' : DEFAULT_LOCALE;
}

/**
 * Fluent translations from src/locales/<locale>/*.ftl. The negotiator decides per update:
 * a group hears the branch's language, a private chat the user's choice or Telegram language.
 */
export function createI18n(negotiate: (ctx: DialogContext) => Promise<Locale>) {
  return new I18n<DialogContext>({
    defaultLocale: DEFAULT_LOCALE,
    directory: LOCALES_DIR,
    // Without this Fluent wraps inserted values in invisible Unicode isolation marks.
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: negotiate,
  });
}
export type Translator = ReturnType<typeof createI18n>;
