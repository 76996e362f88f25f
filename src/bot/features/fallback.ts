import { Composer } from 'grammy';
import type { BotContext } from '../context.js';

/**
 * Registered last: a button no feature recognises (an old message, forged data, a feature since
 * removed) answers that the action is no longer available instead of leaving a spinner.
 */
export function fallbackFeature() {
  const c = new Composer<BotContext>();
  c.on('callback_query', async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t('error-action-unavailable'), show_alert: true });
  });
  return c;
}
