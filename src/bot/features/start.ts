import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext } from '../../context.js';
import type { AppServices } from '../../services/index.js';
import { languageButtons } from '../callback-data/buttons.js';
import { LOCALE_NAMES, LOCALES } from '../../domain/locale.js';

/** A handler for `/start <payload>` deep links, by payload prefix (`join`, `feedback`, ...). */
export type DeepLinkHandler = (ctx: BotContext, arg: string) => Promise<void>;

/**
 * Deep links into anonymous acts (意见簿, 群众测评): opening one writes nothing about the person,
 * not even that they started the bot, so no stored change lines up with the anonymous entry that
 * follows (README, "Anonymity").
 */
const ANONYMOUS_LINKS = new Set(['fb', 'rate']);

/** /start (with deep links), /cancel and /language: the entry points every user has. */
export function startFeature(services: AppServices, deepLinks: Map<string, DeepLinkHandler>) {
  const c = new Composer<BotContext>();
  const priv = c.chatType('private');

  priv.command('start', async (ctx) => {
    const [prefix, arg = ''] = ctx.match.split('_', 2) as [string, string?];
    if (!ANONYMOUS_LINKS.has(prefix)) await services.users.markStarted(ctx.from);
    const handler = deepLinks.get(prefix);
    if (handler) return handler(ctx, arg);
    await ctx.reply(ctx.t('welcome-private', { name: ctx.from.first_name }));
  });

  c.command('language', async (ctx) => {
    const kb = new InlineKeyboard();
    for (const locale of LOCALES) kb.text(LOCALE_NAMES[locale], languageButtons.pack(locale));
    await ctx.reply(ctx.t('language-choose'), { reply_markup: kb });
  });
  c.callbackQuery(languageButtons.filter, async (ctx, next) => {
    const locale = languageButtons.unpack(ctx.callbackQuery.data);
    if (!locale) return next();
    await services.users.setLanguage(ctx.from.id, locale);
    ctx.i18n.useLocale(locale);
    await ctx.answerCallbackQuery({ text: ctx.t('language-set') });
  });
  return c;
}
