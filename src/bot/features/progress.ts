import { Composer, GrammyError, InlineKeyboard } from 'grammy';
import type { BranchDoc } from '../../db/models/branch.js';
import type { BotContext } from '../../context.js';
import { replyLocale } from '../../i18n.js';
import { settingsOf } from '../../services/branch-settings.js';
import { ServiceError } from '../../services/errors.js';
import type { AppServices } from '../../services/index.js';
import { renderProgress } from '../views/progress.js';
import { isNotModified } from '../api-errors.js';
import { progressButtons } from '../callback-data/buttons.js';
import { isInDoubt } from '../in-doubt.js';

/**
 * `/progress` (secretary, in the group or in private): the round at a glance in ONE message per
 * chat. A later /progress or the refresh button edits that message in place; only when it can no
 * longer be edited (deleted) is a new one posted and remembered.
 */
export function progressFeature(services: AppServices) {
  const c = new Composer<BotContext>();

  /** The branch: the group's, or in private the one the person runs. */
  async function branchOf(ctx: BotContext): Promise<BranchDoc> {
    if (ctx.chat!.type !== 'private') return services.branches.requireActive(ctx.chat!.id);
    const branch = await services.branches.runBy(ctx.from!.id);
    if (!branch) throw new ServiceError('error-secretary-only');
    return branch;
  }

  async function render(ctx: BotContext, branch: BranchDoc) {
    const p = await services.progress.of(branch, await ctx.actorIn(branch));
    const text = renderProgress((k, v) => ctx.t(k, v), p, {
      branch: branch.name,
      locale: await replyLocale(ctx),
      timeZone: settingsOf(branch).timeZone,
    });
    const markup = new InlineKeyboard().text(ctx.t('progress-button-refresh'), progressButtons.refresh);
    return { text, reply_markup: markup };
  }

  /** Edits the message; false when it cannot be edited any more (deleted, too old). */
  async function edit(ctx: BotContext, messageId: number, view: Awaited<ReturnType<typeof render>>) {
    try {
      await ctx.api.editMessageText(ctx.chat!.id, messageId, view.text, { reply_markup: view.reply_markup });
      return true;
    } catch (err) {
      if (isNotModified(err)) return true;
      if (!(err instanceof GrammyError) || err.error_code !== 400) throw err;
      return false;
    }
  }

  c.command('progress', async (ctx) => {
    const branch = await branchOf(ctx);
    const view = await render(ctx, branch);
    const old = await services.progress.postIn(branch, ctx.chat.id);
    if (old !== null && (await edit(ctx, old, view))) return;
    const sent = await ctx.reply(view.text, { reply_markup: view.reply_markup });
    // In doubt (in-doubt.ts): its id is unknown; the next /progress posts anew.
    if (!isInDoubt(sent)) await services.progress.rememberPost(branch, ctx.chat.id, sent.message_id);
  });

  c.callbackQuery(progressButtons.filter, async (ctx) => {
    const branch = await branchOf(ctx);
    const view = await render(ctx, branch);
    const messageId = ctx.callbackQuery.message!.message_id;
    await edit(ctx, messageId, view);
    await services.progress.rememberPost(branch, ctx.chat!.id, messageId);
    await ctx.answerCallbackQuery({ text: ctx.t('progress-refreshed') });
  });
  return c;
}
