import { Composer, InlineKeyboard, InputFile } from 'grammy';
import type { BotContext } from '../../context.js';
import type { TopTenVoteRecord } from '../../db/models/top-ten-vote.js';
import { barChartSvg, renderSvg } from '../../services/chart.js';
import { appraisalYear } from '../../services/appraisal-service.js';
import { ServiceError } from '../../services/errors.js';
import type { AppServices } from '../../services/index.js';
import { activeBranch } from '../record-branch.js';
import { groupBranch, isInGroup } from '../guards.js';
import { authorize } from '../../services/authorize.js';
import { escapeHtml } from '../views/html.js';
import { route, type LinkedFeature } from '../deep-link-router.js';
import { topTenLink } from '../../domain/deep-links.js';
import { indexesOf, packTopTen, TOP_TEN_CALLBACK, unpackTopTen } from './top-ten-data.js';

type T = BotContext['t'];

/** The ballot's keyboard: one toggle per candidate (☑ chosen), then the cast button with the count. */
function ballotKeyboard(t: T, vote: TopTenVoteRecord, names: Map<string, string>, mask: number) {
  const kb = new InlineKeyboard();
  vote.candidates.forEach((id, i) => {
    const on = Boolean(mask & (1 << i));
    kb.text(
      `${on ? '☑' : '☐'} ${names.get(id) ?? ''}`,
      packTopTen({ kind: 'toggle', voteId: String(vote._id), mask: mask ^ (1 << i) }),
    ).row();
  });
  kb.text(
    t('topten-button-cast', { chosen: indexesOf(mask).length, max: vote.maxChoices }),
    packTopTen({ kind: 'cast', voteId: String(vote._id), mask }),
  );
  return kb;
}

/**
 * 十佳 (issue 11): `/topten [year]` opens the year's vote (the secretary, in the group), with
 * candidates by rule and a button to vote in private; everyone in the group votes there, anonymously,
 * choosing with toggles (the choice lives in the buttons until cast); `/topten close` closes and
 * shows the counts with a chart. Counts exist only after closing.
 */
export function topTenFeature(deps: { services: AppServices; botUsername: () => string }): LinkedFeature {
  const { services, botUsername } = deps;
  const c = new Composer<BotContext>();
  const group = c.chatType(['group', 'supergroup']);

  group.command('topten', async (ctx) => {
    const branch = await groupBranch(ctx, services);
    const actor = await ctx.actorIn(branch);
    authorize(actor, 'runTopTen');
    const words = ctx.match.trim().split(/\s+/).filter(Boolean);
    const closing = words.some((w) => /^(close|结束)$/i.test(w));
    const yearWord = words.find((w) => /^\d{4}$/.test(w));
    if (words.some((w) => !/^(close|结束|\d{4})$/i.test(w))) throw new ServiceError('error-topten-args');
    const year = yearWord
      ? Number(yearWord)
      : appraisalYear(new Date(), services.branches.settingsOf(branch).timeZone);
    if (!closing) {
      const { vote, names } = await services.topTen.open(branch._id, actor, year);
      const link = topTenLink.link(botUsername(), vote._id);
      await ctx.reply(
        ctx.t('topten-opened', {
          branch: escapeHtml(branch.name),
          year: String(year),
          seats: vote.seats,
          max: vote.maxChoices,
          candidates: vote.candidates.map((id) => escapeHtml(names.get(id) ?? '')).join('、'),
        }),
        { parse_mode: 'HTML', reply_markup: new InlineKeyboard().url(ctx.t('topten-button-vote'), link) },
      );
      return;
    }
    const { vote, result, names } = await services.topTen.close(branch._id, actor, year);
    const lines = result.counts.map((r) =>
      ctx.t(r.elected ? 'topten-result-elected' : 'topten-result-line', {
        rank: r.rank,
        name: escapeHtml(names.get(r.candidateId) ?? ''),
        votes: r.votes,
      }),
    );
    const text = [
      ctx.t('topten-closed', {
        branch: escapeHtml(branch.name),
        year: String(year),
        valid: result.valid,
        void: result.void,
      }),
      ...lines,
    ].join('\n');
    await ctx.reply(text, { parse_mode: 'HTML' });
    const png = await renderSvg(
      barChartSvg(
        result.counts.map((r) => ({
          name: names.get(r.candidateId) ?? '',
          value: r.votes,
          highlight: r.elected,
        })),
        {
          title: ctx.t('topten-chart-title', { year: String(year) }),
          max: Math.max(1, ...result.counts.map((r) => r.votes)),
        },
      ),
    );
    await ctx.replyWithPhoto(new InputFile(png, `topten-${vote.year}.png`));
  });

  /** The ballot for this person, if they may vote: in the branch's group, not voted yet, vote open. */
  async function ballotFor(ctx: BotContext, voteId: string) {
    const found = await services.topTen.ballotOf(voteId);
    if (!found) throw new ServiceError('error-action-unavailable');
    const branch = await activeBranch(services, String(found.vote.branchId));
    if (!(await isInGroup(ctx.api, branch, ctx.from!.id))) throw new ServiceError('error-not-in-group');
    if (found.vote.status !== 'open') throw new ServiceError('error-topten-closed');
    if (await services.topTen.hasVoted(found.vote._id, ctx.from!.id))
      throw new ServiceError('error-topten-voted');
    return { ...found, branch };
  }

  async function openBallot(ctx: BotContext, voteId: string) {
    const { vote, names, branch } = await ballotFor(ctx, voteId);
    await ctx.reply(
      ctx.t('topten-ballot', {
        branch: escapeHtml(branch.name),
        year: String(vote.year),
        max: vote.maxChoices,
      }),
      { parse_mode: 'HTML', reply_markup: ballotKeyboard(ctx.t, vote, names, 0) },
    );
  }

  c.chatType('private').callbackQuery(TOP_TEN_CALLBACK, async (ctx) => {
    const cb = unpackTopTen(ctx.callbackQuery.data);
    if (!cb) throw new ServiceError('error-action-unavailable');
    const { vote, names } = await ballotFor(ctx, cb.voteId);
    const chosen = indexesOf(cb.mask).filter((i) => i < vote.candidates.length);
    if (cb.kind === 'toggle') {
      if (chosen.length > vote.maxChoices)
        return void (await ctx.answerCallbackQuery({
          text: ctx.t('topten-too-many', { max: vote.maxChoices }),
          show_alert: true,
        }));
      await ctx.answerCallbackQuery();
      await ctx.editMessageReplyMarkup({ reply_markup: ballotKeyboard(ctx.t, vote, names, cb.mask) });
      return;
    }
    const outcome = await services.topTen.cast(vote._id, ctx.from.id, chosen);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t(outcome === 'cast' ? 'topten-cast' : 'error-topten-voted'));
  });
  return { composer: c, links: [route(topTenLink, openBallot)] };
}
