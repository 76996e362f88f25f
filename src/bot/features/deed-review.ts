import { deedButtons } from '../callback-data/buttons.js';
import { Composer } from 'grammy';
import type { AppServices } from '../../services/index.js';
import { settingsOf } from '../../services/branch-settings.js';
import { ServiceError } from '../../services/errors.js';
import type { AdminCache } from '../admins.js';
import type { BotContext } from '../../context.js';
import { renderDeed, type DeedPosts } from '../deed-posts.js';
import type { Translator } from '../../i18n.js';
import { messageT, reviewedRecord } from '../record-branch.js';

interface Deps {
  services: AppServices;
  i18n: Translator;
  admins: AdminCache;
  posts: DeedPosts;
}

/** The reviewer's buttons on a deed (from /pending): verify, or reject with a reason. */
export function deedReviewFeature({ services, i18n, posts }: Deps) {
  const c = new Composer<BotContext>();

  /** The pressed deed and its branch, checking the presser reviews that branch, not their own deed. */
  async function reviewed(ctx: BotContext, id: string) {
    const deed = await services.deeds.byId(undefined, id);
    return { deed: deed!, ...(await reviewedRecord(ctx, services, 'reviewDeed', deed)) };
  }

  c.callbackQuery(deedButtons.filter('dv'), async (ctx) => {
    const { branch, actor, name, by } = await reviewed(ctx, ctx.match[2]!);
    const after = await services.deeds.review(branch, actor, ctx.match[2]!, 'verify');
    await ctx.answerCallbackQuery({ text: ctx.t('review-verified-toast') });
    const text = renderDeed(messageT(ctx, i18n, branch), after, name, by);
    await (ctx.callbackQuery.message?.photo
      ? ctx.editMessageCaption({ caption: text, parse_mode: 'HTML' })
      : ctx.editMessageText(text, { parse_mode: 'HTML' }));
    await posts.syncPost(branch, after, by);
    await posts.tellOutcome(branch, after);
  });

  c.callbackQuery(deedButtons.filter('dr'), async (ctx) => {
    const { deed, name, branch, by } = await reviewed(ctx, ctx.match[2]!);
    if (deed.status !== 'pending') throw new ServiceError('error-action-unavailable');
    await ctx.answerCallbackQuery();
    await ctx.conversation.exitAll();
    const m = ctx.callbackQuery.message;
    // A photo message cannot become text: its caption is left, the outcome follows as a reply.
    const messageId = m && !m.photo ? m.message_id : undefined;
    await ctx.conversation.enter('pledge-reason', {
      idleMinutes: settingsOf(branch).dialogIdleMinutes,
      kind: 'deed-reject',
      id: deed._id.toString(),
      name,
      by,
      ...(messageId && { messageId }),
    });
  });
  return c;
}
