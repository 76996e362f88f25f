import type { Context } from 'grammy';
import type { ConversationFlavor } from '@grammyjs/conversations';
import type { I18nFlavor } from '@grammyjs/i18n';
import type { BranchDoc } from './db/models/branch.js';
import type { Actor } from './domain/roles.js';

/** The context every dialog step sees: translation is installed inside conversations too. */
export type DialogContext = Context & I18nFlavor;

/** `ctx.actorIn(branch)`: who is acting in that branch, built once per update (src/bot/actor.ts). */
export interface ActorFlavor {
  actorIn(branch: BranchDoc): Promise<Actor>;
}

/** The context of the bot's middleware. */
export type BotContext = ConversationFlavor<DialogContext> & ActorFlavor;
