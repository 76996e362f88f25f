import { objectionButtons } from '../callback-data/buttons.js';
import { isInGroup } from '../guards.js';
import { Composer } from 'grammy';
import { localDate } from '../../domain/dates.js';
import type { BranchDoc } from '../../db/models/branch.js';
import type { Announcements } from '../../services/announcement.js';
import { settingsOf } from '../../services/branch-settings.js';
import { ServiceError } from '../../services/errors.js';
import type { AppServices } from '../../services/index.js';
import { monthLabel } from '../../services/notice.js';
import type { Outbox } from '../../../jobs/outbox.js';
import type { AdminCache } from '../admins.js';
import type { BotContext } from '../../context.js';
import { replyLocale } from '../../i18n.js';
import type { RatingActions } from '../rating-actions.js';
import { replyWithState } from '../round-state-text.js';
import { route, type LinkedFeature } from '../deep-link-router.js';
import { ballotLink } from '../../domain/deep-links.js';
import { nextBallotButton } from '../../../scenes/rating-ballot.js';
import { authorize } from '../../services/authorize.js';
import { can } from '../../domain/roles.js';
import { objectionHandlers } from '../../services/rating-objections.js';

interface Deps {
  services: AppServices;
  announcements: Announcements;
  admins: AdminCache;
  actions: RatingActions;
  botUsername: () => string;
  clock: () => Date;
  outbox: Pick<Outbox, 'send'>;
}

/** Rating rounds in the bot: /rate, /orgrate, /object, the ballot deep link, and the secretary's /openround (/closeround: round-close.ts). */
export function ratingFeature(deps: Deps): LinkedFeature {
  const { services, actions, announcements } = deps;
  const c = new Composer<BotContext>();
  const priv = c.chatType('private');

  /** `lead` (an i18n key) followed by the branch's rating state, month named. */
  const withState = (ctx: BotContext, branch: BranchDoc | null, lead?: string) =>
    replyWithState(ctx, services.rounds, deps.clock(), branch, lead && ctx.t(lead));

  /** The branch a member of the masses or a member rates in, for the state line. */
  const memberBranch = (userId: number) => services.rounds.memberBranch(userId);

  // The masses' ballot, from the round post's button (and again from "rate the next member").
  async function openBallot(ctx: BotContext, branchId: string, again: boolean) {
    const branch = await services.branches.byId(branchId);
    if (!branch?.active) throw new ServiceError('error-branch-not-bound');
    const round = await services.rounds.open(branch._id);
    if (!round) return void (await withState(ctx, branch, 'rating-no-open-round'));
    if (!(await isInGroup(ctx.api, branch, ctx.from!.id))) throw new ServiceError('error-not-in-group');
    await ctx.conversation.exitAll();
    await ctx.conversation.enter('rating-ballot', {
      branchId,
      month: round.month,
      max: settingsOf(branch).dimensionMax,
      ...(again && { again }),
    });
  }
  priv.callbackQuery(nextBallotButton.filter, async (ctx, next) => {
    const branchId = nextBallotButton.unpack(ctx.callbackQuery.data);
    if (!branchId) return next();
    await openBallot(ctx, branchId, true);
    await ctx.answerCallbackQuery();
  });

  priv.command('rate', async (ctx) => {
    const [first] = await actions.roundsOfUser(ctx.from.id, 'open');
    if (!first) return void (await withState(ctx, await memberBranch(ctx.from.id), 'rating-no-open-round'));
    await ctx.conversation.exitAll();
    const max = settingsOf(first.branch).dimensionMax;
    await ctx.conversation.enter('rating-self', {
      branchId: String(first.branch._id),
      month: first.month,
      name: first.member.realName,
      max,
    });
  });

  priv.command('orgrate', async (ctx) => {
    const uid = ctx.from.id;
    const listed = await services.branches.runByAll(uid);
    // Rights as they are now in each branch's group: a demoted 支委 or secretary scores nobody.
    const branches: BranchDoc[] = [];
    for (const b of listed) if (can(await ctx.actorIn(b), 'scoreMember')) branches.push(b);
    for (const branch of branches) {
      const round = await services.rounds.open(branch._id);
      if (!round) continue;
      // The secretary's own score comes from a 支委: say so (and when the branch has none).
      if (branch.secretaryId === uid && (await services.members.ofUser(branch._id, uid))?.status === 'active')
        await ctx.reply(
          ctx.t(branch.committeeIds.length ? 'rating-org-own-by-committee' : 'rating-org-own-no-committee'),
        );
      await ctx.conversation.exitAll();
      return void (await ctx.conversation.enter('rating-org', {
        branchId: String(branch._id),
        month: round.month,
      }));
    }
    if (!branches.length) throw new ServiceError('error-reviewer-only');
    await withState(ctx, branches[0]!, 'rating-no-open-round');
  });

  priv.command('comment', async (ctx) => {
    const branch = await services.branches.ofSecretary(ctx.from.id);
    if (!branch) throw new ServiceError('error-secretary-only');
    // Checked against the group now: a secretary who is no longer its admin writes no commentary.
    authorize(await ctx.actorIn(branch), 'writeCommentary');
    await ctx.conversation.exitAll();
    await ctx.conversation.enter('comment', { branchId: String(branch._id) });
  });

  priv.command('object', async (ctx) => {
    const [first] = await actions.roundsOfUser(ctx.from.id, 'provisional');
    if (!first) return void (await withState(ctx, await memberBranch(ctx.from.id), 'rating-no-provisional'));
    objectionHandlers(first.branch, ctx.from.id); // a secretary without 支委 hears it before writing
    await ctx.conversation.exitAll();
    await ctx.conversation.enter('objection', { branchId: String(first.branch._id), month: first.month });
  });

  priv.callbackQuery(objectionButtons.filter('obj'), async (ctx) => {
    // The policy decides at the press (a forged button is refused here), before any question.
    const branch = await services.objections.branchOf(ctx.match[2]!);
    await services.objections.checkResolve(ctx.match[2]!, await ctx.actorIn(branch));
    await ctx.answerCallbackQuery();
    await ctx.conversation.exitAll();
    await ctx.conversation.enter('objection-resolve', { objectionId: ctx.match[2] });
  });

  const group = c.chatType(['group', 'supergroup']);
  // The round's posts go through the worker's sender queue like every announcement (paced, and
  // keyed: the scheduled job finds them queued and posts nothing twice).
  group.command('openround', async (ctx) => {
    const branch = await services.branches.requireActive(ctx.chat.id);
    const s = settingsOf(branch);
    const now = deps.clock();
    const month = localDate(now, s.timeZone).slice(0, 7);
    const { created, round } = await services.ratings.open(branch._id, month, {
      asOf: now,
      by: await ctx.actorIn(branch),
    });
    if (!created) {
      // Open already: say until when; closed (early or by schedule): say so, never "already open".
      if (round.status === 'open') return void (await withState(ctx, branch));
      const lead = ctx.t('rating-round-not-reopenable', { month: monthLabel(month, await replyLocale(ctx)) });
      return replyWithState(ctx, services.rounds, now, branch, lead);
    }
    await deps.outbox.send(announcements.opening(branch, month, deps.botUsername()));
  });

  // The round post's button (群众测评): anonymous, so /start records nothing about the voter.
  return { composer: c, links: [route(ballotLink, (ctx, branchId) => openBallot(ctx, branchId, false))] };
}
