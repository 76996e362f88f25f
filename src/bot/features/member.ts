import { memberButtons } from '../callback-data/buttons.js';
import { Composer, InlineKeyboard } from 'grammy';
import type { AppServices } from '../../services/index.js';
import type { Branch } from '../../services/branch-service.js';
import { ServiceError } from '../../services/errors.js';
import type { AdminCache } from '../admins.js';
import { branchT } from '../branch-t.js';
import type { Notifier } from '../notify.js';
import type { Translator } from '../../i18n.js';
import { branchForOutsider, groupBranch, idleMinutes } from '../guards.js';
import type { BotContext } from '../../context.js';
import type { RosterBoard } from '../roster-board.js';
import { joinLink, plateLink } from '../../domain/deep-links.js';
import { renderCard } from '../views/card.js';
import { escapeHtml } from '../views/html.js';
import { route, type LinkedFeature } from '../deep-link-router.js';
import { resolveTarget } from './branch.js';

interface Deps {
  services: AppServices;
  admins: AdminCache;
  i18n: Translator;
  roster: RosterBoard;
  botUsername: () => string;
  notify: Notifier;
}

/** 亮身份: /join (opens the private dialog), confirmation by the secretary, /leave, /me, /card, /roster. */
export function memberFeature({ services, i18n, roster, botUsername, notify }: Deps): LinkedFeature {
  const c = new Composer<BotContext>();
  const group = c.chatType(['group', 'supergroup']);

  group.command('join', async (ctx) => {
    const branch = await services.branches.requireActive(ctx.chat.id);
    const url = joinLink.link(botUsername(), branch._id);
    await ctx.reply(ctx.t('join-open-private'), {
      reply_markup: new InlineKeyboard().url(ctx.t('join-button'), url),
      reply_parameters: { message_id: ctx.msg.message_id },
    });
  });

  // The private half of /join: only someone who is in the branch's group may register.
  async function openJoin(ctx: BotContext, branchId: string) {
    const branch = await branchForOutsider(ctx, services, branchId);
    await ctx.reply(ctx.t('join-intro', { branch: branch.name }));
    await ctx.conversation.enter('join', branch._id.toString(), idleMinutes(services, branch));
  }

  c.chatType('private').command('join', () => {
    throw new ServiceError('error-group-only');
  });

  c.callbackQuery(memberButtons.filter('mc', 'mr'), async (ctx) => {
    const branch = await groupBranch(ctx, services);
    const decision = ctx.match[1] === 'mc' ? 'confirm' : 'reject';
    const member = await services.members.review(
      branch._id,
      await ctx.actorIn(branch),
      ctx.match[2]!,
      decision,
    );
    await ctx.answerCallbackQuery();
    // The reviewer's press edits the registration post; the card and the member's DM are notices.
    await ctx.editMessageText(
      branchT(i18n, branch)(decision === 'confirm' ? 'join-confirmed-group' : 'join-rejected-group', {
        name: escapeHtml(member.realName),
        by: escapeHtml(ctx.from.first_name),
      }),
      { parse_mode: 'HTML' },
    );
    const id = member._id.toString();
    if (decision === 'confirm') {
      await notify.toGroup(branch, notify.eventKey('member-card', id), (t) => renderCard(t, member));
      await roster(ctx.api, branch);
    }
    await notify.toUser(
      branch,
      member.userId,
      notify.eventKey(`join-${decision}`, id),
      (t) => t(decision === 'confirm' ? 'join-confirmed-dm' : 'join-rejected-dm', { branch: branch.name }),
      { html: false },
    );
  });

  group.command('leave', async (ctx) => {
    const branch = await services.branches.requireActive(ctx.chat.id);
    const left = await services.members.leave(branch._id, ctx.from.id);
    if (!left) throw new ServiceError('error-not-member');
    await ctx.reply(ctx.t('leave-done', { name: left.realName }));
    await roster(ctx.api, branch);
  });

  // The board is one post, edited in place: the asker is pointed to it (an unchanged board shows
  // no edit, and the answer says where to look), or told it is on its way.
  group.command('roster', async (ctx) => {
    const branch = await services.branches.requireActive(ctx.chat.id);
    const board = await roster(ctx.api, branch);
    await ctx.reply(
      ctx.t(board ? 'roster-see-board' : 'roster-board-coming'),
      board ? { reply_parameters: { message_id: board, allow_sending_without_reply: true } } : {},
    );
  });

  group.command('card', async (ctx) => {
    const branch = await services.branches.requireActive(ctx.chat.id);
    const target = (await resolveTarget(ctx, services)) ?? { id: ctx.from.id, name: ctx.from.first_name };
    const member = await services.members.ofUser(branch._id, target.id);
    if (member?.status !== 'active') return void (await ctx.reply(ctx.t('card-none', { name: target.name })));
    const standard = await services.standards.ofUser(branch._id, target.id);
    // The member's standing link (the plate's): feedback about them, written in private.
    await ctx.reply(renderCard(ctx.t, member, standard?.approvedText), {
      parse_mode: 'HTML',
      reply_markup: new InlineKeyboard().url(
        ctx.t('card-button-feedback'),
        plateLink.link(botUsername(), { branchId: branch._id, memberId: member._id }),
      ),
    });
  });

  c.command('me', async (ctx) => {
    const cards = await services.members.cardsOfUser(
      ctx.from!.id,
      ctx.chat.type === 'private' ? undefined : ctx.chat.id,
    );
    if (cards.length === 0) return void (await ctx.reply(ctx.t('me-none')));
    const parts = [];
    for (const { branch, member } of cards) {
      const standard = await services.standards.ofUser(branch._id, member.userId);
      const head = `<b>${escapeHtml(branch.name)}</b> · ${ctx.t(`status-${member.status}`)}`;
      parts.push(`${head}\n${renderCard(ctx.t, member, standard?.approvedText)}`);
    }
    await ctx.reply(parts.join('\n\n'), { parse_mode: 'HTML' });
  });
  return { composer: c, links: [route(joinLink, openJoin)] };
}

/** Posts a new registration to the group with confirm / return buttons for the reviewers. */
export async function announceRegistration(
  notify: Notifier,
  branch: Branch,
  member: Parameters<typeof renderCard>[1],
) {
  const id = member._id.toString();
  await notify.toGroup(
    branch,
    notify.eventKey('join-pending', id),
    (t) => `${t('join-pending-group')}\n\n${renderCard(t, member)}`,
    {
      buttons: (t) => [
        [
          { text: t('button-confirm'), callbackData: memberButtons.pack('mc', id) },
          { text: t('button-return'), callbackData: memberButtons.pack('mr', id) },
        ],
      ],
    },
  );
}
