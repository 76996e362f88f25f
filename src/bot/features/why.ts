import { Composer } from 'grammy';
import { DIMENSIONS } from '../../domain/rating.js';
import { isMonthKey } from '../../domain/calendar.js';
import { DomainError } from '../../domain/errors.js';
import type { MemberRecord } from '../../db/models/member.js';
import type { RatingResultRecord } from '../../db/models/rating-result.js';
import { ServiceError } from '../../services/errors.js';
import type { AppServices } from '../../services/index.js';
import { starsText } from '../../services/notice.js';
import type { BotContext } from '../../context.js';
import { replyLocale } from '../../i18n.js';
import type { Locale } from '../../domain/locale.js';
import { clauseList, monthLabel } from '../../domain/locale-format.js';
import { authorize, recordOf } from '../../services/authorize.js';
import type { ChatBranch } from '../chat-branch.js';

/** `/why [@user] [YYYY-MM]` arguments, in any order. */
export function parseWhyArgs(text: string): { username?: string; month?: string; bad?: string } {
  const out: { username?: string; month?: string; bad?: string } = {};
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    if (word.startsWith('@')) out.username = word.slice(1);
    else if (isMonthKey(word)) out.month = word;
    else out.bad = word;
  }
  return out;
}

/** The explanation of one stored result: every input, the rule version, and whether it recomputes. */
export function explain(
  ctx: BotContext,
  locale: Locale,
  member: MemberRecord,
  r: RatingResultRecord,
  same: boolean,
): string {
  const c = r.computation;
  const self = r.inputs.rating.self;
  const lines = [
    ctx.t('why-title', {
      name: member.realName,
      month: monthLabel(r.month, locale),
      status: ctx.t(`why-status-${r.status}`),
    }),
    self
      ? ctx.t('why-self', {
          sheet: clauseList(
            DIMENSIONS.map((d) => `${ctx.t(`rating-dim-${d}`)} ${self[d]}`),
            locale,
          ),
          score: c.self,
        })
      : ctx.t('rating-dm-self-missing'),
    c.masses === null
      ? ctx.t('rating-dm-masses-moved', { min: r.inputs.rules.massesMinBallots, ballots: c.ballots })
      : ctx.t('why-masses', { ballots: c.ballots, score: c.masses }),
    ctx.t(r.orgSource === 'reviewer' ? 'why-org-reviewer' : 'why-org-suggested', { score: c.organisation }),
    ctx.t('why-total', {
      wSelf: c.weights.self,
      wMasses: c.weights.masses,
      wOrg: c.weights.organisation,
      total: c.total,
      pass: r.inputs.rules.passScore,
      verdict: ctx.t(c.passed ? 'rating-verdict-pass' : 'rating-verdict-fail'),
    }),
    ctx.t('why-stars', {
      before: starsText(r.inputs.before.stars, r.inputs.rules.maxStars),
      after: starsText(r.after.stars, r.inputs.rules.maxStars),
      plate: ctx.t(r.after.plateOn ? 'why-plate-on' : 'why-plate-off'),
    }),
    ctx.t('why-rules', { version: r.inputs.rules.version }),
    ctx.t(same ? 'why-recomputes' : 'why-differs'),
  ];
  return lines.join('\n');
}

/** `/why [@user] [month]`: a member sees their own result; the secretary and 支委 anyone's in their branch. */
export function whyFeature(services: AppServices, chatBranch: ChatBranch) {
  const c = new Composer<BotContext>();
  c.command('why', async (ctx) => {
    const args = parseWhyArgs(ctx.match);
    if (args.bad !== undefined) throw new DomainError('error-calendar-bad-month');
    const cards = await services.members.cardsOfUser(
      ctx.from!.id,
      ctx.chat.type === 'private' ? undefined : ctx.chat.id,
    );
    let branch = cards[0]?.branch ?? (await chatBranch(ctx));
    if (!branch) throw new ServiceError('error-not-member');
    let member: MemberRecord | null = cards[0]?.member ?? null;
    if (args.username) {
      const user = await services.users.findByUsername(args.username);
      member = user ? await services.members.ofUser(branch._id, user._id) : null;
      if (!member) throw new ServiceError('error-user-unknown');
      authorize(await ctx.actorIn(branch), 'viewResult', recordOf(branch, member.userId));
    }
    if (!member) throw new ServiceError('error-not-member');
    branch = branch!;
    const why = await services.objections.why(branch._id, member._id, args.month);
    await ctx.reply(explain(ctx, await replyLocale(ctx), member, why.result, why.same));
  });
  return c;
}
