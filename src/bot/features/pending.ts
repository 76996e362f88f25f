import { Composer, InlineKeyboard } from 'grammy';
import type { AppServices } from '../../services/index.js';
import type { Branch } from '../../services/branch-service.js';
import { ServiceError } from '../../services/errors.js';
import type { AdminCache } from '../admins.js';
import type { BotContext } from '../context.js';
import { renderDeed } from '../deed-posts.js';
import { isReviewer, requireReviewerOf } from '../record-branch.js';
import { escapeHtml } from '../views/html.js';
import { renderFeedback } from '../views/feedback.js';
import { renderItem } from '../views/pledge.js';

/**
 * /pending (secretary and committee): one message per waiting record with its buttons. In the
 * group the feedback book is only counted (complaints are not aired before they are handled);
 * the private chat shows everything, for every branch the user reviews.
 */
export function pendingFeature(services: AppServices, admins: AdminCache) {
  const c = new Composer<BotContext>();

  async function show(ctx: BotContext, branch: Branch, inGroup: boolean) {
    const q = await services.pending.queue(branch);
    const name = (id: { toString(): string }) => escapeHtml(q.names.get(id.toString()) ?? '');
    await ctx.reply(
      ctx.t(q.total ? 'pending-title' : 'pending-none', { branch: escapeHtml(branch.name), count: q.total }),
      {
        parse_mode: 'HTML',
      },
    );
    const send = (text: string, kb: InlineKeyboard) =>
      ctx.reply(text, { parse_mode: 'HTML', reply_markup: kb });
    for (const i of q.items)
      await send(
        `${ctx.t('pending-item', { name: name(i.memberId) })}\n${renderItem(ctx.t, i, 'pending')}`,
        new InlineKeyboard()
          .text(ctx.t('button-approve'), `pa:${i._id}`)
          .text(ctx.t('button-return'), `pr:${i._id}`),
      );
    for (const i of q.claims)
      await send(
        `${ctx.t('pending-claim', { name: name(i.memberId) })}\n${renderItem(ctx.t, i, 'claimed')}`,
        new InlineKeyboard()
          .text(ctx.t('button-confirm-done'), `pc:${i._id}`)
          .text(ctx.t('button-return'), `px:${i._id}`),
      );
    for (const d of q.deeds) {
      const kb = new InlineKeyboard()
        .text(ctx.t('button-verify'), `dv:${d._id}`)
        .text(ctx.t('button-reject'), `dr:${d._id}`);
      const text = renderDeed(ctx.t, d, q.names.get(d.memberId.toString()) ?? '');
      if (d.photoFileId) {
        const sent = await ctx
          .replyWithPhoto(d.photoFileId, { caption: text, parse_mode: 'HTML', reply_markup: kb })
          .catch(() => null);
        if (sent) continue;
      }
      await send(text, kb);
    }
    const shown = q.items.length + q.claims.length + q.deeds.length + q.feedback.length;
    if (shown < q.total) await ctx.reply(ctx.t('pending-more', { count: q.total - shown }));
    if (inGroup) {
      if (q.feedback.length) await ctx.reply(ctx.t('pending-feedback-private', { count: q.feedback.length }));
      return;
    }
    for (const f of q.feedback) {
      const sender = f.senderUserId === undefined ? null : await services.users.get(f.senderUserId);
      const senderName = sender ? (sender.firstName ?? sender.username ?? String(sender._id)) : undefined;
      await send(
        renderFeedback(ctx.t, f, f.memberId ? q.names.get(f.memberId.toString()) : undefined, senderName),
        new InlineKeyboard().text(ctx.t('button-handle'), `fh:${f._id}`),
      );
    }
  }

  c.chatType(['group', 'supergroup']).command('pending', async (ctx) => {
    const branch = await services.branches.requireActive(ctx.chat.id);
    await requireReviewerOf(ctx.api, admins, branch, ctx.from.id);
    await show(ctx, branch, true);
  });

  c.chatType('private').command('pending', async (ctx) => {
    const listed = await services.pending.listedReviewerOf(ctx.from.id);
    const mine: Branch[] = [];
    for (const b of listed) if (await isReviewer(ctx.api, admins, b, ctx.from.id)) mine.push(b);
    if (mine.length === 0) throw new ServiceError('error-reviewer-only');
    for (const b of mine) await show(ctx, b, false);
  });
  return c;
}
