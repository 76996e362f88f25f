import { pledgeButtons } from '../callback-data/buttons.js';
import { Composer, InlineKeyboard } from 'grammy';
import type { AppServices } from '../../services/index.js';
import { settingsOf } from '../../services/branch-settings.js';
import { ServiceError } from '../../services/errors.js';
import type { AdminCache } from '../admins.js';
import type { BotContext } from '../../context.js';
import { activeBranch, activeMember, branchOfRecord } from '../record-branch.js';
import { resolveTarget } from './branch.js';
import { route, type LinkedFeature } from '../deep-link-router.js';
import { oralPledgeLink, pledgeLink } from '../../domain/deep-links.js';
import { authorize, recordOf } from '../../services/authorize.js';

interface Deps {
  services: AppServices;
  admins: AdminCache;
  botUsername: () => string;
}

/** 公开承诺: /pledge (member), /oralpledge (secretary), the owner's done-claim button. */
export function pledgeFeature({ services, botUsername }: Deps): LinkedFeature {
  const c = new Composer<BotContext>();
  const group = c.chatType(['group', 'supergroup']);

  group.command('pledge', async (ctx) => {
    const branch = await services.branches.requireActive(ctx.chat.id);
    await activeMember(services, branch, ctx.from.id);
    await ctx.reply(ctx.t('pledge-open-private'), {
      reply_markup: new InlineKeyboard().url(
        ctx.t('pledge-button-open'),
        pledgeLink.link(botUsername(), branch._id),
      ),
      reply_parameters: { message_id: ctx.msg.message_id },
    });
  });

  c.chatType('private').command('pledge', async (ctx) => {
    const cards = (await services.members.cardsOfUser(ctx.from.id)).filter(
      (x) => x.member.status === 'active',
    );
    if (cards.length === 0) throw new ServiceError('error-not-member');
    if (cards.length === 1) return openPledge(ctx, cards[0]!.branch._id.toString());
    const kb = new InlineKeyboard();
    for (const { branch } of cards) kb.url(branch.name, pledgeLink.link(botUsername(), branch._id)).row();
    await ctx.reply(ctx.t('choose-branch'), { reply_markup: kb });
  });

  async function openPledge(ctx: BotContext, branchId: string) {
    const branch = await activeBranch(services, branchId);
    const member = await activeMember(services, branch, ctx.from!.id);
    await ctx.conversation.exitAll();
    await ctx.conversation.enter('pledge', { branchId, memberId: member._id.toString(), oral: false });
  }

  // 口头承诺: the secretary, in the group, names an elderly member; the dialog runs in private.
  group.command('oralpledge', async (ctx) => {
    const branch = await services.branches.requireActive(ctx.chat.id);
    const actor = await ctx.actorIn(branch);
    authorize(actor, 'recordOralPledge');
    const target = await resolveTarget(ctx, services);
    if (!target) return void (await ctx.reply(ctx.t('oral-usage')));
    // Nobody records an oral pledge for themselves.
    authorize(actor, 'recordOralPledge', recordOf(branch, target.id));
    const member = await services.members.ofUser(branch._id, target.id);
    if (member?.status !== 'active') throw new ServiceError('error-not-member');
    if (!member.isElderly)
      return void (await ctx.reply(ctx.t('oral-not-elderly', { name: member.realName })));
    const url = oralPledgeLink.link(botUsername(), { branchId: branch._id, memberId: member._id });
    await ctx.reply(ctx.t('oral-open-private', { name: member.realName }), {
      reply_markup: new InlineKeyboard().url(ctx.t('pledge-button-open'), url),
    });
  });

  async function openOralPledge(
    ctx: BotContext,
    { branchId, memberId }: { branchId: string; memberId: string },
  ) {
    const branch = await activeBranch(services, branchId);
    const actor = await ctx.actorIn(branch);
    authorize(actor, 'recordOralPledge');
    const member = await services.members.byId(branch._id, memberId);
    if (member?.status !== 'active' || !member.isElderly) throw new ServiceError('error-action-unavailable');
    authorize(actor, 'recordOralPledge', recordOf(branch, member.userId));
    await ctx.conversation.exitAll();
    await ctx.conversation.enter('pledge', { branchId, memberId, oral: true });
  }

  // The owner marks an item done; the evidence is asked in the same chat.
  c.callbackQuery(pledgeButtons.filter('pd'), async (ctx) => {
    const item = await services.pledges.itemById(undefined, ctx.match[2]!);
    const branch = await branchOfRecord(ctx, services, item?.branchId);
    authorize(await ctx.actorIn(branch), 'claimPledgeDone', recordOf(branch, item!.userId));
    if (item!.status !== 'approved') throw new ServiceError('error-action-unavailable');
    await ctx.answerCallbackQuery();
    await ctx.conversation.exitAll();
    const idleMinutes = settingsOf(branch).dialogIdleMinutes;
    await ctx.conversation.enter('pledge-done', {
      itemId: item!._id.toString(),
      text: item!.text,
      idleMinutes,
    });
  });
  return { composer: c, links: [route(pledgeLink, openPledge), route(oralPledgeLink, openOralPledge)] };
}
