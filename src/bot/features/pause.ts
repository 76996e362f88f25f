import { Composer } from 'grammy';
import type { AppServices } from '../../services/index.js';
import type { BotContext } from '../../context.js';

/**
 * `/pause` and `/resume`: in private a user pauses their own private reminders; in the group the
 * secretary pauses (or resumes) all reminders of the branch (setting remindersPaused).
 */
export function pauseFeature(services: AppServices) {
  const c = new Composer<BotContext>();
  for (const [command, paused] of [
    ['pause', true],
    ['resume', false],
  ] as const) {
    c.chatType('private').command(command, async (ctx) => {
      await services.users.setRemindersPaused(ctx.from.id, paused);
      await ctx.reply(ctx.t(paused ? 'reminder-paused' : 'reminder-resumed'));
    });
    c.chatType(['group', 'supergroup']).command(command, async (ctx) => {
      const branch = await services.branches.requireActive(ctx.chat.id);
      await services.branches.setRemindersPaused(branch, await ctx.actorIn(branch), paused);
      await ctx.reply(ctx.t(paused ? 'reminder-branch-paused' : 'reminder-branch-resumed'));
    });
  }
  return c;
}
