import { Composer, InlineKeyboard, InputFile } from 'grammy';
import type { PlateTarget } from '../../domain/plate.js';
import { plateButtons } from '../callback-data/buttons.js';
import { plateLink } from '../../domain/deep-links.js';
import type { AppServices } from '../../services/index.js';
import type { Branch } from '../../services/branch-service.js';
import { settingsOf } from '../../services/branch-settings.js';
import { ServiceError } from '../../services/errors.js';
import { renderPlatePdf } from '../../services/plate-pdf.js';
import type { AdminCache } from '../admins.js';
import { branchT } from '../branch-t.js';
import type { BotContext } from '../../context.js';
import type { Translator } from '../../i18n.js';
import { activeBranch } from '../record-branch.js';
import { escapeHtml } from '../views/html.js';
import { resolveTarget } from './branch.js';
import { route, type LinkedFeature } from '../deep-link-router.js';
import { authorize, recordOf } from '../../services/authorize.js';

interface Deps {
  services: AppServices;
  i18n: Translator;
  admins: AdminCache;
  botUsername: () => string;
}

/**
 * 挂牌: /plate [@member] sends a printable PDF plate whose QR code opens the masses' rating and
 * feedback for that member (secretary and committee for anyone, a member for themself). The link
 * works for anyone, in or out of the group.
 */
export function plateFeature({ services, i18n, botUsername }: Deps): LinkedFeature {
  const c = new Composer<BotContext>();

  /** The plate's branch and member: in a group the named one (reviewers) or oneself; in private oneself. */
  async function whose(ctx: BotContext) {
    if (ctx.chat!.type === 'private') {
      const cards = (await services.members.cardsOfUser(ctx.from!.id)).filter(
        (x) => x.member.status === 'active',
      );
      if (!cards[0]) throw new ServiceError('error-not-member');
      return cards[0];
    }
    const branch = await services.branches.requireActive(ctx.chat!.id);
    const target = await resolveTarget(ctx, services);
    if (target) authorize(await ctx.actorIn(branch), 'printPlate', recordOf(branch, target.id));
    const member = await services.members.ofUser(branch._id, target?.id ?? ctx.from!.id);
    if (member?.status !== 'active') throw new ServiceError('error-not-member');
    return { branch, member };
  }

  c.command('plate', async (ctx) => {
    const { branch, member } = await whose(ctx);
    const t = branchT(i18n, branch);
    const pdf = await renderPlatePdf({
      title: t('plate-title'),
      name: member.realName,
      motto: member.motto,
      stars: member.stars,
      branch: branch.name,
      slogan: t('plate-slogan'),
      link: plateLink.link(botUsername(), { branchId: branch._id, memberId: member._id }),
      scanHint: t('plate-scan-hint'),
      lines: {
        post: t('plate-label-post', { value: member.post }),
        unit: t('plate-label-unit', { value: member.unit }),
        stars: t('plate-label-stars'),
      },
    });
    await ctx.replyWithDocument(new InputFile(pdf, `plate-${member._id.toString()}.pdf`), {
      caption: ctx.t('plate-caption', { name: member.realName }),
    });
  });

  /** The member behind a plate link or button, and whether a round is open for a ballot. */
  async function plateOf(target: PlateTarget) {
    const branch: Branch = await activeBranch(services, target.branchId);
    const member = await services.members.byId(branch._id, target.memberId);
    if (member?.status !== 'active') throw new ServiceError('error-action-unavailable');
    return { branch, member, round: await services.rounds.open(branch._id) };
  }

  async function openPlate(ctx: BotContext, target: PlateTarget) {
    const { member, round } = await plateOf(target);
    const kb = new InlineKeyboard().text(
      ctx.t('plate-button-feedback'),
      plateButtons.pack({ kind: 'pf', ...target }),
    );
    if (round && member.userId !== ctx.from!.id)
      kb.text(ctx.t('plate-button-rate'), plateButtons.pack({ kind: 'pb', ...target }));
    await ctx.reply(
      ctx.t('plate-link-intro', {
        name: escapeHtml(member.realName),
        post: escapeHtml(member.post),
        unit: escapeHtml(member.unit),
      }),
      { parse_mode: 'HTML', reply_markup: kb },
    );
  }

  c.chatType('private').callbackQuery(plateButtons.filter, async (ctx, next) => {
    const pressed = plateButtons.unpack(ctx.callbackQuery.data);
    if (!pressed) return next();
    const { kind, branchId, memberId } = pressed;
    const { branch, round } = await plateOf({ branchId, memberId });
    if (kind === 'pb' && !round) throw new ServiceError('error-round-not-open', { month: '' });
    await ctx.answerCallbackQuery();
    await ctx.conversation.exitAll();
    if (kind === 'pf') return ctx.conversation.enter('feedback', { branchId, memberId });
    await ctx.conversation.enter('rating-ballot', {
      branchId,
      month: round!.month,
      max: settingsOf(branch).dimensionMax,
      memberId,
    });
  });
  return { composer: c, links: [route(plateLink, openPlate)] };
}
