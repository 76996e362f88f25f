import { feedbackButtons } from '../callback-data/buttons.js';
import { Composer, InlineKeyboard } from 'grammy';
import type { Logger } from 'pino';
import type { AppServices } from '../../services/index.js';
import { settingsOf } from '../../services/branch-settings.js';
import { ServiceError } from '../../services/errors.js';
import type { AdminCache } from '../admins.js';
import type { BotContext } from '../../context.js';
import { activeBranch, branchOfRecord } from '../record-branch.js';
import { escapeHtml } from '../views/html.js';
import { renderFeedback } from '../views/feedback.js';
import { resolveTarget } from './branch.js';
import { route, type LinkedFeature } from '../deep-link-router.js';
import { feedbackLink } from '../../domain/deep-links.js';
import { authorize, recordOf } from '../../services/authorize.js';

interface Deps {
  services: AppServices;
  admins: AdminCache;
  botUsername: () => string;
  log: Logger;
}

/** 意见簿: /feedback in the group (a link to the private dialog), the deep link, the member's view, handling. */
export function feedbackFeature({ services, admins, botUsername, log }: Deps): LinkedFeature {
  const c = new Composer<BotContext>();

  /**
   * Anyone in the group: the entry itself is written in private. The command itself would show
   * the group who is about to write about whom, so it is deleted when the bot may delete messages
   * (and the answer names nobody); when it may not, the answer says so and where to go instead.
   */
  c.chatType(['group', 'supergroup']).command('feedback', async (ctx) => {
    const branch = await services.branches.requireActive(ctx.chat.id);
    const target = await resolveTarget(ctx, services);
    // About the member replied to (or named); about no one in particular when they are not a member.
    const found = target ? await services.members.ofUser(branch._id, target.id) : null;
    const member = found?.status === 'active' ? found : null;
    const name = member?.realName ?? '';
    const url = feedbackLink.link(botUsername(), {
      branchId: branch._id,
      ...(member && { memberId: member._id }),
    });
    const deleted = await deleteCommand(ctx);
    const text = deleted
      ? ctx.t('feedback-open-private-deleted')
      : [
          ctx.t(name ? 'feedback-open-private-about' : 'feedback-open-private', { name: escapeHtml(name) }),
          ctx.t('feedback-cannot-delete'),
        ].join('\n');
    await ctx.reply(text, {
      parse_mode: 'HTML',
      reply_markup: new InlineKeyboard().url(ctx.t('feedback-button-open'), url),
    });
  });

  /** Deletes the /feedback command message if the bot may; whether it is gone. */
  async function deleteCommand(ctx: BotContext & { chat: { id: number } }): Promise<boolean> {
    if (!(await admins.botCanDelete(ctx.api, ctx.chat.id))) return false;
    try {
      await ctx.deleteMessage();
      return true;
    } catch (err) {
      // The right went away within the admin cache's lifetime. Only the chat is logged, never the writer.
      log.warn({ err, chatId: ctx.chat.id }, 'feedback command could not be deleted');
      admins.forget(ctx.chat.id);
      return false;
    }
  }

  // Anonymous (the link's kind): nothing about the writer is recorded on the way in.
  const openFeedback = async (
    ctx: BotContext,
    { branchId, memberId }: { branchId: string; memberId?: string },
  ) => {
    await activeBranch(services, branchId);
    await ctx.conversation.exitAll();
    await ctx.conversation.enter('feedback', { branchId, ...(memberId && { memberId }) });
  };

  // In private, a member sees what the book says about them: praise, and complaints once handled.
  c.chatType('private').command('feedback', async (ctx) => {
    const cards = (await services.members.cardsOfUser(ctx.from.id)).filter(
      (x) => x.member.status === 'active',
    );
    if (cards.length === 0) return void (await ctx.reply(ctx.t('feedback-private-hint')));
    // A member's branches' standing links: feedback with no trace in the group.
    const kb = new InlineKeyboard();
    for (const { branch } of cards)
      kb.url(
        ctx.t('feedback-button-branch-link', { branch: branch.name }),
        feedbackLink.link(botUsername(), { branchId: branch._id }),
      ).row();
    const parts: string[] = [];
    for (const { branch, member } of cards) {
      const entries = await services.feedback.aboutMember(member._id);
      parts.push(`📖 <b>${ctx.t('feedback-book-title', { branch: escapeHtml(branch.name) })}</b>`);
      parts.push(
        entries.length
          ? entries.map((e) => renderFeedback(ctx.t, e, member.realName)).join('\n\n')
          : ctx.t('feedback-book-empty'),
      );
    }
    parts.push('', ctx.t('feedback-private-links'));
    await ctx.reply(parts.join('\n'), { parse_mode: 'HTML', reply_markup: kb });
  });

  c.callbackQuery(feedbackButtons.filter('fh'), async (ctx) => {
    const entry = await services.feedback.byId(undefined, ctx.match[2]!);
    const branch = await branchOfRecord(ctx, services, entry?.branchId);
    const actor = await ctx.actorIn(branch);
    authorize(actor, 'handleFeedback');
    if (entry!.status !== 'open') throw new ServiceError('error-action-unavailable');
    // Feedback about the reviewer is handled by another reviewer.
    const about = entry!.memberId
      ? await services.members.byId(branch._id, entry!.memberId.toString())
      : null;
    if (about) authorize(actor, 'handleFeedback', recordOf(branch, about.userId));
    await ctx.answerCallbackQuery();
    await ctx.conversation.exitAll();
    const messageId = ctx.callbackQuery.message?.message_id;
    await ctx.conversation.enter('feedback-handle', {
      idleMinutes: settingsOf(branch).dialogIdleMinutes,
      id: entry!._id.toString(),
      complaint: entry!.kind === 'complaint',
      ...(messageId && { messageId }),
    });
  });
  return { composer: c, links: [route(feedbackLink, openFeedback)] };
}
