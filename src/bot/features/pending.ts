import { deedButtons, feedbackButtons, pledgeButtons } from '../callback-data/buttons.js';
import { refusedAs } from '../api-errors.js';
import { Composer, InlineKeyboard } from 'grammy';
import type { AppServices } from '../../services/index.js';
import type { Branch } from '../../services/branch-service.js';
import { ServiceError } from '../../services/errors.js';
import type { AdminCache } from '../admins.js';
import type { BotContext } from '../../context.js';
import { renderDeed } from '../deed-posts.js';
import { activeBranch } from '../record-branch.js';
import { route, type LinkedFeature } from '../deep-link-router.js';
import { pendingLink } from '../../domain/deep-links.js';
import { escapeHtml } from '../views/html.js';
import { renderFeedback } from '../views/feedback.js';
import { renderItem } from '../views/pledge.js';
import { authorize } from '../../services/authorize.js';
import { can } from '../../domain/roles.js';

/**
 * /pending (secretary and committee). In the group one summary with counts and a button to the
 * private chat (no records, photos or complaints aired in the group); in private one message per
 * waiting record with its buttons, for every branch the user reviews (or the one of the link).
 */
export function pendingFeature(
  services: AppServices,
  admins: AdminCache,
  botUsername: () => string,
): LinkedFeature {
  const c = new Composer<BotContext>();

  async function show(ctx: BotContext, branch: Branch) {
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
          .text(ctx.t('button-approve'), pledgeButtons.pack('pa', i._id))
          .text(ctx.t('button-return'), pledgeButtons.pack('pr', i._id)),
      );
    for (const i of q.claims)
      await send(
        `${ctx.t('pending-claim', { name: name(i.memberId) })}\n${renderItem(ctx.t, i, 'claimed')}`,
        new InlineKeyboard()
          .text(ctx.t('button-confirm-done'), pledgeButtons.pack('pc', i._id))
          .text(ctx.t('button-return'), pledgeButtons.pack('px', i._id)),
      );
    for (const d of q.deeds) {
      const kb = new InlineKeyboard()
        .text(ctx.t('button-verify'), deedButtons.pack('dv', d._id))
        .text(ctx.t('button-reject'), deedButtons.pack('dr', d._id));
      const text = renderDeed(ctx.t, d, q.names.get(d.memberId.toString()) ?? '');
      if (d.photoFileId) {
        const sent = await ctx
          .replyWithPhoto(d.photoFileId, { caption: text, parse_mode: 'HTML', reply_markup: kb })
          // A photo Telegram will not take again (400): the record goes as text.
          .catch(refusedAs(null));
        if (sent) continue;
      }
      await send(text, kb);
    }
    const shown = q.items.length + q.claims.length + q.deeds.length + q.feedback.length;
    if (shown < q.total) await ctx.reply(ctx.t('pending-more', { count: q.total - shown }));
    for (const f of q.feedback) {
      const sender = f.senderUserId === undefined ? null : await services.users.get(f.senderUserId);
      const senderName = sender ? (sender.firstName ?? sender.username ?? String(sender._id)) : undefined;
      await send(
        renderFeedback(ctx.t, f, f.memberId ? q.names.get(f.memberId.toString()) : undefined, senderName),
        new InlineKeyboard().text(ctx.t('button-handle'), feedbackButtons.pack('fh', f._id)),
      );
    }
  }

  c.chatType(['group', 'supergroup']).command('pending', async (ctx) => {
    const branch = await services.branches.requireActive(ctx.chat.id);
    authorize(await ctx.actorIn(branch), 'viewPending');
    const q = await services.pending.queue(branch, 0);
    if (q.total === 0)
      return void (await ctx.reply(ctx.t('pending-none', { branch: escapeHtml(branch.name) }), {
        parse_mode: 'HTML',
      }));
    const link = pendingLink.link(botUsername(), branch._id);
    await ctx.reply(
      ctx.t('pending-summary', { branch: escapeHtml(branch.name), total: q.total, ...q.counts }),
      {
        parse_mode: 'HTML',
        reply_markup: new InlineKeyboard().url(ctx.t('pending-button-private'), link),
        reply_parameters: { message_id: ctx.msg.message_id },
      },
    );
  });

  // The group summary's button: this branch's queue, item by item, in private.
  async function openQueue(ctx: BotContext, branchId: string) {
    const branch = await activeBranch(services, branchId);
    authorize(await ctx.actorIn(branch), 'viewPending');
    await show(ctx, branch);
  }

  c.chatType('private').command('pending', async (ctx) => {
    const listed = await services.pending.listedReviewerOf(ctx.from.id);
    const mine: Branch[] = [];
    for (const b of listed) if (can(await ctx.actorIn(b), 'viewPending')) mine.push(b);
    if (mine.length === 0) throw new ServiceError('error-reviewer-only');
    for (const b of mine) await show(ctx, b);
  });
  return { composer: c, links: [route(pendingLink, openQueue)] };
}
