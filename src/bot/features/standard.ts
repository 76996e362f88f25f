import { standardButtons } from '../callback-data/buttons.js';
import { Composer, InlineKeyboard } from 'grammy';
import type { AppServices } from '../../services/index.js';
import type { Branch } from '../../services/branch-service.js';
import { DomainError } from '../../domain/errors.js';
import { ServiceError } from '../../services/errors.js';
import type { AdminCache } from '../admins.js';
import { branchLocale } from '../branch-t.js';
import type { BotContext } from '../../context.js';
import { branchForOutsider, groupBranch, idleMinutes, requireMember } from '../guards.js';
import type { StandardPosts } from '../standard-posts.js';
import { route, type LinkedFeature } from '../deep-link-router.js';
import { standardCommentLink, standardLink } from '../../domain/deep-links.js';
import { authorize, recordOf } from '../../services/authorize.js';

interface Deps {
  services: AppServices;
  admins: AdminCache;
  posts: StandardPosts;
  botUsername: () => string;
}

/** 定标: /standard (member proposes), comment links (masses discuss), approve / return buttons (branch decides). */
export function standardFeature({ services, posts, botUsername }: Deps): LinkedFeature {
  const c = new Composer<BotContext>();

  c.chatType(['group', 'supergroup']).command('standard', async (ctx) => {
    const branch = await groupBranch(ctx, services);
    await requireMember(services, branch, ctx.from.id);
    await ctx.reply(ctx.t('standard-open-private'), {
      reply_markup: new InlineKeyboard().url(
        ctx.t('standard-button-write'),
        standardLink.link(botUsername(), branch._id),
      ),
      reply_parameters: { message_id: ctx.msg.message_id },
    });
  });

  // In private: straight into the dialog for a member of one branch; a choice for several.
  c.chatType('private').command('standard', async (ctx) => {
    const cards = (await services.members.cardsOfUser(ctx.from.id)).filter(
      (x) => x.member.status === 'active',
    );
    if (cards.length === 0) throw new ServiceError('error-not-member');
    if (cards.length === 1) return openStandard(ctx, cards[0]!.branch._id.toString());
    const kb = new InlineKeyboard();
    for (const { branch } of cards) kb.url(branch.name, standardLink.link(botUsername(), branch._id)).row();
    await ctx.reply(ctx.t('standard-choose-branch'), { reply_markup: kb });
  });

  async function openStandard(ctx: BotContext, branchId: string) {
    const branch = await branchForOutsider(ctx, services, branchId);
    await requireMember(services, branch, ctx.from!.id);
    const current = await services.standards.ofUser(branch._id, ctx.from!.id);
    if (current?.status === 'commenting') throw new ServiceError('error-standard-under-comment');
    if (current)
      await ctx.reply(
        ctx.t(`standard-current-${current.status}`, { text: current.text, reason: current.reason ?? '' }),
      );
    await ctx.conversation.enter('standard', branch._id.toString(), idleMinutes(services, branch));
  }

  async function openComment(ctx: BotContext, standardId: string) {
    const found = await services.standards.findAnywhere(standardId);
    if (!found || found.standard.status !== 'commenting')
      throw new DomainError('error-standard-comment-closed');
    await branchForOutsider(ctx, services, found.branch._id.toString());
    const member = await services.members.ofUser(found.branch._id, found.standard.userId);
    await ctx.reply(
      ctx.t('standard-comment-intro', { name: member?.realName ?? '', text: found.standard.text }),
    );
    await ctx.conversation.enter('standard-comment', standardId, idleMinutes(services, found.branch));
  }

  /** Answers the press and asks the reviewer, in the group, for a reason about the standard. */
  async function askReason(
    ctx: BotContext,
    branch: Branch,
    dialog: 'standard-return' | 'standard-approve-early',
    target: { standardId: string; revision: number; userId: number; closesAt?: string },
  ) {
    const member = await services.members.ofUser(branch._id, target.userId);
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(dialog, {
      standardId: target.standardId,
      revision: target.revision,
      name: member?.realName ?? '',
      ...(target.closesAt !== undefined && { closesAt: target.closesAt }),
      idleMinutes: idleMinutes(services, branch),
      locale: branchLocale(branch),
    });
  }

  c.callbackQuery(standardButtons.filter, async (ctx) => {
    const branch = await groupBranch(ctx, services);
    const actor = await ctx.actorIn(branch);
    authorize(actor, 'approveStandard');
    const { kind, id, revision } = standardButtons.unpack(ctx.callbackQuery.data)!;
    if (kind === 'sa') {
      try {
        const s = await services.standards.approve(branch, actor, id, revision);
        await ctx.answerCallbackQuery({ text: ctx.t('standard-approved-toast') });
        return await posts.approved(branch, s, ctx.from.first_name);
      } catch (err) {
        // While the comment period runs, approval needs a reason (提前审定).
        if (!(err instanceof DomainError && err.key === 'error-standard-comment-period-open')) throw err;
        const s = (await services.standards.byId(branch._id, id))!;
        const closesAt = String(err.params.closesAt);
        return askReason(ctx, branch, 'standard-approve-early', {
          standardId: id,
          revision,
          userId: s.userId,
          closesAt,
        });
      }
    }
    const s = await services.standards.byId(branch._id, id);
    if (s?.status !== 'commenting' || s.revision !== revision)
      throw new ServiceError('error-action-unavailable');
    authorize(actor, 'approveStandard', recordOf(branch, s.userId));
    await askReason(ctx, branch, 'standard-return', { standardId: id, revision, userId: s.userId });
  });
  return { composer: c, links: [route(standardLink, openStandard), route(standardCommentLink, openComment)] };
}
