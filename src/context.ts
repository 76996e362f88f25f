import type { Context } from 'grammy';
import type { ConversationFlavor } from '@grammyjs/conversations';
import type { I18nFlavor } from '@grammyjs/i18n';

/** The context every dialog step sees: translation is installed inside conversations too. */
export type DialogContext = Context & I18nFlavor;
/** The context of the bot's middleware. */
export type BotContext = ConversationFlavor<DialogContext>;
