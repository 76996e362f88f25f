import { Composer } from 'grammy';
import type { Outbox } from '../../../jobs/outbox.js';
import { monthLabel } from '../../domain/locale-format.js';
import type { BotContext } from '../../context.js';
import { replyLocale } from '../../i18n.js';
import type { Announcements } from '../../services/announcement.js';
import type { AppServices } from '../../services/index.js';

interface Deps {
  services: AppServices;
  announcements: Announcements;
  clock: () => Date;
  outbox: Pick<Outbox, 'send'>;
}

/**
 * The secretary's /finalize in the group: the provisional results become final before the
 * objection window ends, once no objection is open (the service refuses naming the open ones);
 * the final announcement and the members' final messages go out at once.
 */
export function roundFinalizeFeature(deps: Deps) {
  const { services } = deps;
  const c = new Composer<BotContext>();
  c.chatType(['group', 'supergroup']).command('finalize', async (ctx) => {
    const branch = await services.branches.requireActive(ctx.chat.id);
    const done = await services.finalizeEarly.publishFinal(branch, await ctx.actorIn(branch));
    await ctx.reply(
      ctx.t('rating-finalized-early', { month: monthLabel(done.month, await replyLocale(ctx)) }),
    );
    for (const m of await deps.announcements.final(branch, done.month)) await deps.outbox.send(m);
    await services.rounds.markAnnounced(done.roundId, deps.clock());
  });
  return c;
}
