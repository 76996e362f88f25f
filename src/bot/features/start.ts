import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext } from '../../context.js';
import type { AppServices } from '../../services/index.js';
import { languageButtons } from '../callback-data/buttons.js';
import { LOCALE_NAMES, LOCALES } from '../../domain/locale.js';
import type { DeepLinkRouter } from '../deep-link-router.js';

/** /start (with deep links, routed by `links`), /cancel and /language: the entry points every user has. */
export function startFeature(services: AppServices, links: DeepLinkRouter) {
  const c = new Composer<BotContext>();
  const priv = c.chatType('private');

  priv.command('start', async (ctx) => {
    const route = links(ctx.match);
    // An anonymous link (意见簿, 群众测评) records nothing, not even that the person started the bot.
    if (!route?.anonymous) await services.users.markStarted(ctx.from);
    if (route) return route.open(ctx, ctx.match);
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
