import { act } from './support/act.js';
import { fail, ok } from '../src/domain/errors.js';
import { toHalfWidth, validateText } from '../src/domain/text.js';
import type { DialogContext } from '../src/context.js';
import { buttons, oneOf } from './support/choices.js';
import { ask, type Dialog } from './support/ask.js';

export interface OrgDialogArgs {
  branchId: string;
  month: string;
}

export interface OrgActions {
  /** Members not yet scored this round (all when `all`), with labels. */
  members(args: OrgDialogArgs, actorId: number): Promise<Array<{ id: string; label: string; name: string }>>;
  /** The published suggestion with its explanation lines, already localized. */
  suggestion(
    args: OrgDialogArgs,
    memberId: string,
    locale: string,
  ): Promise<{ score: number; lines: string[] }>;
  save(args: OrgDialogArgs, actorId: number, memberId: string, score: number, reason?: string): Promise<void>;
}

const parseScore = (t: string) => {
  const s = toHalfWidth(t).trim();
  return /^\d{1,3}$/.test(s) && Number(s) <= 100
    ? ok(Number(s))
    : fail('error-rating-org-score-out-of-range', { min: 0, max: 100 });
};

/** 组织考评 in private by the secretary or 支委: pick a member, see the suggestion, keep or change it with a reason. */
export function orgDialog(actions: OrgActions) {
  return async function rateOrg(dialog: Dialog, ctx: DialogContext, args: OrgDialogArgs) {
    const actorId = ctx.from!.id;
    for (;;) {
      const left = await act(dialog, () => actions.members(args, actorId));
      if (left.length === 0)
        return void (await ctx.reply(ctx.t('rating-org-all-done'), {
          reply_markup: { remove_keyboard: true },
        }));
      const done = ctx.t('rating-button-done');
      const choice = await ask(dialog, ctx, {
        prompt: 'rating-org-ask-member',
        keyboard: buttons([...left.map((m) => m.label), done]),
        validate: oneOf<(typeof left)[number] | null>([
          ...left.map((m) => [m.label, m] as const),
          [done, null],
        ]),
      });
      if (!choice)
        return void (await ctx.reply(ctx.t('rating-org-thanks'), {
          reply_markup: { remove_keyboard: true },
        }));
      const locale = await ctx.i18n.getLocale();
      const s = await act(dialog, () => actions.suggestion(args, choice.id, locale));
      const score = await ask(dialog, ctx, {
        prompt: 'rating-org-ask-score',
        params: { name: choice.name, score: s.score, lines: s.lines.join('\n') },
        keyboard: buttons([String(s.score)]),
        validate: parseScore,
      });
      let reason: string | undefined;
      if (score !== s.score)
        reason = await ask(dialog, ctx, {
          prompt: 'rating-org-ask-reason',
          validate: (t) => validateText('override-reason', t),
        });
      await act(dialog, () => actions.save(args, actorId, choice.id, score, reason));
      await ctx.reply(ctx.t('rating-org-saved', { name: choice.name, score }));
    }
  };
}
