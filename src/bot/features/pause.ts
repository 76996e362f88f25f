import { Composer } from 'grammy';
import type { Models } from '../../db/models/index.js';
import type { AppServices } from '../../services/index.js';
import type { BotContext } from '../../context.js';
import { authorize } from '../../services/authorize.js';

/**
 * `/pause` and `/resume`: in private a user pauses their own private reminders; in the group the
 * secretary pauses (or resumes) all reminders of the branch (setting remindersPaused).
 */
export function pauseFeature(services: AppServices, models: Models) {
  const c = new Composer<BotContext>();
  for (const [command, paused] of [
    ['pause', true],
    ['resume', false],
  ] as const) {
    c.chatType('private').command(command, async (ctx) => {
      await models.UserPref.updateOne(
        { _id: ctx.from.id },
        { $set: { remindersPaused: paused } },
        { upsert: true },
      );
      await ctx.reply(ctx.t(paused ? 'reminder-paused' : 'reminder-resumed'));
    });
    c.chatType(['group', 'supergroup']).command(command, async (ctx) => {
      const branch = await services.branches.requireActive(ctx.chat.id);
      authorize(await ctx.actorIn(branch), 'pauseBranchReminders');
      await models.Branch.updateOne({ _id: branch._id }, { $set: { 'settings.remindersPaused': paused } });
      await ctx.reply(ctx.t(paused ? 'reminder-branch-paused' : 'reminder-branch-resumed'));
    });
  }
  return c;
}
