import { pledgeButtons } from '../callback-data/buttons.js';
import { Composer } from 'grammy';
import type { AppServices } from '../../services/index.js';
import { settingsOf } from '../../services/branch-settings.js';
import { ServiceError } from '../../services/errors.js';
import type { AdminCache } from '../admins.js';
import type { BotContext } from '../../context.js';
import type { Translator } from '../../i18n.js';
import type { PledgePosts } from '../pledge-posts.js';
import { messageT, reviewedRecord } from '../record-branch.js';
import { escapeHtml } from '../views/html.js';
import { renderItem } from '../views/pledge.js';

interface Deps {
  services: AppServices;
  i18n: Translator;
  admins: AdminCache;
  posts: PledgePosts;
}

/** The reviewer's buttons on pledge items (from /pending): approve, return, confirm or turn down a done claim. */
export function pledgeReviewFeature({ services, i18n, posts }: Deps) {
  const c = new Composer<BotContext>();

  /** The pressed item and its branch, checking the presser reviews that branch, not their own pledge. */
  async function reviewed(ctx: BotContext, id: string) {
    const item = await services.pledges.itemById(undefined, id);
    return { item: item!, ...(await reviewedRecord(ctx, services, 'reviewPledge', item)) };
  }

  c.callbackQuery(pledgeButtons.filter('pa'), async (ctx) => {
    const { branch, actor, by } = await reviewed(ctx, ctx.match[2]!);
    const r = await services.pledges.review(branch, actor, ctx.match[2]!, 'approve');
    await ctx.answerCallbackQuery({ text: ctx.t('review-approved-toast') });
    const t = messageT(ctx, i18n, branch);
    await ctx.editMessageText(
      `${renderItem(t, r.item, 'approved')}\n${t('review-approved-by', { by: escapeHtml(by) })}`,
      {
        parse_mode: 'HTML',
      },
    );
    await posts.afterReview(branch, r);
  });

  c.callbackQuery(pledgeButtons.filter('pr', 'px'), async (ctx) => {
    const { item, name, branch, by } = await reviewed(ctx, ctx.match[2]!);
    const kind = ctx.match[1] === 'pr' ? 'pledge-return' : 'pledge-done-reject';
    if (item.status !== (kind === 'pledge-return' ? 'pending' : 'claimed'))
      throw new ServiceError('error-action-unavailable');
    await ctx.answerCallbackQuery();
    await ctx.conversation.exitAll();
    const messageId = ctx.callbackQuery.message?.message_id;
    const idleMinutes = settingsOf(branch).dialogIdleMinutes;
    await ctx.conversation.enter('pledge-reason', {
      idleMinutes,
      kind,
      id: item._id.toString(),
      name,
      by,
      ...(messageId && { messageId }),
    });
  });

  c.callbackQuery(pledgeButtons.filter('pc'), async (ctx) => {
    const { branch, actor, by } = await reviewed(ctx, ctx.match[2]!);
    const after = await services.pledges.confirmDone(branch, actor, ctx.match[2]!, 'confirm');
    await ctx.answerCallbackQuery({ text: ctx.t('review-approved-toast') });
    const t = messageT(ctx, i18n, branch);
    await ctx.editMessageText(
      `${renderItem(t, after, 'done')}\n${t('review-done-confirmed', { by: escapeHtml(by) })}`,
      {
        parse_mode: 'HTML',
      },
    );
    const member = await services.members.byId(branch._id, after.memberId.toString());
    if (member) await posts.tellDone(branch, member, after);
  });

  return c;
}
