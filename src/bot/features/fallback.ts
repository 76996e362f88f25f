import { Composer } from 'grammy';
import { COMMANDS } from '../commands.js';
import type { BotContext } from '../context.js';

/**
 * Registered last. A button no feature recognises (an old message, forged data, a feature since
 * removed) answers that the action is no longer available instead of leaving a spinner. A group
 * command sent in a private chat says where to use it.
 */
export function fallbackFeature() {
  const c = new Composer<BotContext>();
  c.on('callback_query', async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t('error-action-unavailable'), show_alert: true });
  });
  c.chatType('private').on('message:entities:bot_command', async (ctx, next) => {
    const command = /^\/([a-z_]+)/.exec(ctx.msg.text ?? '')?.[1];
    if (!command || !COMMANDS.group.includes(command) || COMMANDS.private.includes(command)) return next();
    await ctx.reply(ctx.t('error-group-only'));
  });
  return c;
}
