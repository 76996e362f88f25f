import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext } from '../context.js';
import type { AppServices } from '../../services/index.js';

/** A handler for `/start <payload>` deep links, by payload prefix (`join`, `feedback`, ...). */
export type DeepLinkHandler = (ctx: BotContext, arg: string) => Promise<void>;

/** /start (with deep links), /cancel and /language: the entry points every user has. */
export function startFeature(services: AppServices, deepLinks: Map<string, DeepLinkHandler>) {
  const c = new Composer<BotContext>();
  const priv = c.chatType('private');

  priv.command('start', async (ctx) => {
    await services.users.markStarted(ctx.from);
    const [prefix, arg = ''] = ctx.match.split('_', 2) as [string, string?];
    const handler = deepLinks.get(prefix);
    if (handler) return handler(ctx, arg);
    await ctx.reply(ctx.t('welcome-private', { name: ctx.from.first_name }));
  });

  c.command('language', async (ctx) => {
    const kb = new InlineKeyboard().text('中文', 'lang:zh').text('English', 'lang:en');
    await ctx.reply(ctx.t('language-choose'), { reply_markup: kb });
  });
  c.callbackQuery(/^lang:(zh|en)$/, async (ctx) => {
    const locale = ctx.match[1] as 'zh' | 'en';
    await services.users.setLanguage(ctx.from.id, locale);
    ctx.i18n.useLocale(locale);
    await ctx.answerCallbackQuery({ text: ctx.t('language-set') });
  });
  return c;
}
