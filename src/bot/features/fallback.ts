import { Composer, InlineKeyboard } from 'grammy';
import { COMMANDS } from '../commands.js';
import type { BotContext } from '../../context.js';

/**
 * Registered last. A button no feature recognises (an old message, forged data, a feature since
 * removed) answers that the action is no longer available instead of leaving a spinner. A command
 * sent in the wrong kind of chat says where to use it: a group command in private, a private one
 * in the group (with a button that opens the private chat with the bot).
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
  c.chatType(['group', 'supergroup']).on('message:entities:bot_command', async (ctx, next) => {
    const [, command, addressee] = /^\/([a-z_]+)(?:@(\w+))?/i.exec(ctx.msg.text ?? '') ?? [];
    if (addressee && addressee.toLowerCase() !== ctx.me.username.toLowerCase()) return next();
    const name = command?.toLowerCase();
    if (!name || !COMMANDS.private.includes(name) || COMMANDS.group.includes(name)) return next();
    await ctx.reply(ctx.t('error-private-only-command', { command: name }), {
      reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true },
      reply_markup: new InlineKeyboard().url(ctx.t('button-open-private'), `https://t.me/${ctx.me.username}`),
    });
  });
  return c;
}
