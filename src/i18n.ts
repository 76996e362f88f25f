import { fileURLToPath } from 'node:url';
import { I18n } from '@grammyjs/i18n';
import type { DialogContext } from './context.js';
import { DEFAULT_LOCALE, type Locale } from './domain/locale.js';

export { LOCALES, DEFAULT_LOCALE, type Locale } from './domain/locale.js';

export const LOCALES_DIR = fileURLToPath(new URL('./locales', import.meta.url));

/**
 * Fluent translations from src/locales/<locale>/*.ftl. The negotiator decides per update:
 * a group hears the branch's language, a private chat its reader's (src/domain/locale.ts).
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

/** The language this update is answered in (what `ctx.t` uses), for dates and months in replies. */
export async function replyLocale(ctx: { i18n: { getLocale(): Promise<string> } }): Promise<Locale> {
  return (await ctx.i18n.getLocale()) === 'en' ? 'en' : 'zh';
}
