import { Composer, InlineKeyboard } from 'grammy';
import type { Outbox } from '../../../jobs/outbox.js';
import type { BranchDoc } from '../../db/models/branch.js';
import { dateTimeLabel, monthLabel } from '../../domain/locale-format.js';
import type { BotContext } from '../../context.js';
import { replyLocale } from '../../i18n.js';
import type { Announcements } from '../../services/announcement.js';
import { settingsOf } from '../../services/branch-settings.js';
import type { AppServices } from '../../services/index.js';
import { replyWithState } from '../round-state-text.js';
import { gapLines } from '../views/round-gaps.js';
import { roundCloseButtons } from '../callback-data/buttons.js';

interface Deps {
  services: AppServices;
  announcements: Announcements;
  clock: () => Date;
  outbox: Pick<Outbox, 'send'>;
}

/**
 * The secretary's /closeround: at (or near) the scheduled close with everyone rated it closes at
 * once; earlier, or with anyone still to rate, it asks first, naming the scheduled close and who
 * has not yet rated, with a confirm and a cancel button.
 */
export function roundCloseFeature(deps: Deps) {
  const { services } = deps;
  const c = new Composer<BotContext>();
  const group = c.chatType(['group', 'supergroup']);

  /** Closes the round, queues its publication (公示) and the members' provisional messages. */
  async function close(ctx: BotContext, branch: BranchDoc, month: string) {
    const { round } = await services.ratings.close(branch._id, month, {
      asOf: deps.clock(),
      by: await ctx.actorIn(branch),
    });
    for (const m of await deps.announcements.provisional(branch, round)) await deps.outbox.send(m);
  }

  group.command('closeround', async (ctx) => {
    const branch = await services.branches.requireActive(ctx.chat.id);
    const check = await services.closeCheck.check(branch, await ctx.actorIn(branch));
    const locale = await replyLocale(ctx);
    if (!check)
      return replyWithState(ctx, services.rounds, deps.clock(), branch, ctx.t('rating-no-open-round'));
    const month = check.round.month;
    if (!check.confirm) return close(ctx, branch, month);
    const text = [
      ctx.t('rating-close-confirm', {
        month: monthLabel(month, locale),
        close: dateTimeLabel(check.scheduledClose, settingsOf(branch).timeZone, locale),
      }),
      ...(check.incomplete ? [ctx.t('rating-close-gaps-title')] : []),
      ...gapLines((k, p) => ctx.t(k, p), check.gaps, locale),
    ].join('\n');
    await ctx.reply(text, {
      reply_markup: new InlineKeyboard()
        .text(ctx.t('rating-close-button-confirm'), roundCloseButtons.pack({ close: true, month }))
        .text(ctx.t('rating-close-button-cancel'), roundCloseButtons.pack({ close: false, month })),
    });
  });

  group.callbackQuery(roundCloseButtons.filter, async (ctx, next) => {
    const pressed = roundCloseButtons.unpack(ctx.callbackQuery.data);
    if (!pressed) return next();
    const branch = await services.branches.requireActive(ctx.chat.id);
    // Asked again at the press: only the secretary (admin now) closes, and only an open round.
    const check = await services.closeCheck.check(branch, await ctx.actorIn(branch));
    const { close: now, month } = pressed;
    const label = monthLabel(month, await replyLocale(ctx));
    if (check?.round.month !== month) {
      await ctx.answerCallbackQuery({ text: ctx.t('rating-close-not-open', { month: label }) });
      return void (await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }));
    }
    await ctx.answerCallbackQuery();
    if (!now) {
      const close = dateTimeLabel(check.scheduledClose, settingsOf(branch).timeZone, await replyLocale(ctx));
      return void (await ctx.editMessageText(ctx.t('rating-close-cancelled', { month: label, close })));
    }
    await ctx.editMessageText(ctx.t('rating-round-closed-early', { month: label }));
    await close(ctx, branch, month);
  });
  return c;
}
