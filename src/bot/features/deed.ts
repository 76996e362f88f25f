import { deedButtons } from '../callback-data/buttons.js';
import { Composer, InlineKeyboard } from 'grammy';
import { unwrap } from '../../domain/errors.js';
import { parseQuickDeed } from '../../domain/deed.js';
import type { AppServices } from '../../services/index.js';
import { ServiceError } from '../../services/errors.js';
import type { Branch } from '../../services/branch-service.js';
import type { BotContext } from '../../context.js';
import { deedPost, type DeedPosts } from '../deed-posts.js';
import { isInDoubt } from '../in-doubt.js';
import { activeBranch, activeMember, branchOfRecord } from '../record-branch.js';
import { route, type LinkedFeature } from '../deep-link-router.js';
import { deedEditLink, deedLink } from '../../domain/deep-links.js';

interface Deps {
  services: AppServices;
  posts: DeedPosts;
  botUsername: () => string;
}

/** Where the pressed button was, if the press came from a message. */
const pressedAt = (ctx: BotContext) => {
  const m = ctx.callbackQuery?.message;
  return m && { chatId: m.chat.id, messageId: m.message_id };
};

/** 一件事一记录: /deed (dialog), /deed <text> and a photo captioned /deed (quick form), edit / withdraw buttons. */
export function deedFeature({ services, posts, botUsername }: Deps): LinkedFeature {
  const c = new Composer<BotContext>();

  /** The branch of the command: the group's, or in private the member's only branch. */
  async function branchHere(ctx: BotContext): Promise<Branch | null> {
    if (ctx.chat!.type !== 'private') return services.branches.requireActive(ctx.chat!.id);
    const cards = (await services.members.cardsOfUser(ctx.from!.id)).filter(
      (x) => x.member.status === 'active',
    );
    if (cards.length === 0) throw new ServiceError('error-not-member');
    if (cards.length === 1) return cards[0]!.branch;
    const kb = new InlineKeyboard();
    for (const { branch } of cards) kb.url(branch.name, deedLink.link(botUsername(), branch._id)).row();
    await ctx.reply(ctx.t('choose-branch'), { reply_markup: kb });
    return null;
  }

  // grammY's command filter reads text entities only: a photo captioned /deed is matched here.
  c.on('message:photo', async (ctx, next) => {
    const m = /^\/deed(?:@(\w+))?(?:\s+([\s\S]*))?$/.exec(ctx.msg.caption ?? '');
    if (!m || (m[1] && m[1].toLowerCase() !== ctx.me.username.toLowerCase())) return next();
    await deedCommand(ctx, (m[2] ?? '').trim(), ctx.msg.photo.at(-1)?.file_id);
  });
  c.command('deed', (ctx) => deedCommand(ctx, ctx.match.trim(), undefined));

  async function deedCommand(ctx: BotContext, text: string, photo: string | undefined) {
    const branch = await branchHere(ctx);
    if (!branch) return;
    const member = await activeMember(services, branch, ctx.from!.id);
    const inGroup = ctx.chat!.type !== 'private';
    if (text) {
      const draft = unwrap(parseQuickDeed(text, new Date(), services.pledges.timeZoneOf(branch)));
      const deed = await services.deeds.report(branch, member, {
        ...draft,
        ...(photo && { photoFileId: photo }),
      });
      const post = deedPost(ctx.t, deed, member.realName, {
        inGroup,
        botUsername: botUsername(),
        fresh: true,
      });
      const sent = await ctx.reply(post.text, {
        parse_mode: 'HTML',
        ...(post.reply_markup && { reply_markup: post.reply_markup }),
        reply_parameters: { message_id: ctx.msg!.message_id },
      });
      // The post follows its record: every later change edits it in place.
      // In doubt (in-doubt.ts): its id is unknown, so there is no post to follow.
      if (!isInDoubt(sent)) await services.deeds.attachPost(deed._id, sent.chat.id, sent.message_id);
      return;
    }
    if (inGroup) {
      if (photo) return void (await ctx.reply(ctx.t('deed-photo-needs-text')));
      await ctx.reply(ctx.t('deed-open-private'), {
        reply_markup: new InlineKeyboard().url(
          ctx.t('deed-button-open'),
          deedLink.link(botUsername(), branch._id),
        ),
        reply_parameters: { message_id: ctx.msg!.message_id },
      });
      return;
    }
    await ctx.conversation.exitAll();
    await ctx.conversation.enter('deed', {
      branchId: branch._id.toString(),
      ...(photo && { photoFileId: photo }),
    });
  }

  async function openDeed(ctx: BotContext, branchId: string) {
    const branch = await activeBranch(services, branchId);
    await activeMember(services, branch, ctx.from!.id);
    await ctx.conversation.exitAll();
    await ctx.conversation.enter('deed', { branchId });
  }

  /**
   * The author's own pending deed, for edit and withdraw. A press on a post whose deed has moved on
   * brings the post up to date (its buttons go) before saying the action is no longer possible.
   */
  async function ownPending(ctx: BotContext, id: string) {
    const deed = await services.deeds.byId(undefined, id);
    if (!deed) throw new ServiceError('error-action-unavailable');
    if (deed.userId !== ctx.from!.id) throw new ServiceError('error-not-owner');
    if (deed.status !== 'pending') {
      const branch = await services.branches.byId(deed.branchId.toString());
      if (branch) await posts.syncPost(branch, deed, undefined, pressedAt(ctx));
      throw new ServiceError('error-action-unavailable');
    }
    return deed;
  }

  const edit = async (ctx: BotContext, id: string) => {
    const deed = await ownPending(ctx, id);
    await ctx.conversation.exitAll();
    await ctx.conversation.enter('deed', { branchId: deed.branchId.toString(), deedId: id });
  };
  c.chatType('private').callbackQuery(deedButtons.filter('de'), async (ctx) => {
    await ctx.answerCallbackQuery();
    await edit(ctx, ctx.match[2]!);
  });

  c.callbackQuery(deedButtons.filter('dw'), async (ctx) => {
    const own = await ownPending(ctx, ctx.match[2]!);
    const branch = await branchOfRecord(ctx, services, own.branchId);
    const deed = await services.deeds.withdraw(ctx.from.id, ctx.match[2]!);
    await ctx.answerCallbackQuery({ text: ctx.t('deed-withdrawn') });
    await posts.syncPost(branch, deed, undefined, pressedAt(ctx));
  });

  return { composer: c, links: [route(deedLink, openDeed), route(deedEditLink, edit)] };
}
