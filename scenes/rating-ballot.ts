import type { ScoreSheet } from '../src/domain/rating.js';
import type { DialogContext } from '../src/bot/context.js';
import { replyLocale } from '../src/bot/i18n.js';
import { monthLabel } from '../src/domain/locale-format.js';
import { buttons, oneOf } from './pledge-ask.js';
import { askSheet } from './rating-sheet.js';
import { ask, type Dialog } from './support/ask.js';

export interface BallotDialogArgs {
  branchId: string;
  month: string;
  max: number;
}

export interface BallotActions {
  /** Members this rater may still rate: id and "name · post" label. */
  candidates(
    args: BallotDialogArgs,
    raterUserId: number,
  ): Promise<Array<{ id: string; label: string; name: string }>>;
  /** Casts an anonymous ballot; the rater's id goes to the eligibility record only. */
  cast(args: BallotDialogArgs, raterUserId: number, memberId: string, sheet: ScoreSheet): Promise<void>;
}

/**
 * 群众测评 in private, opened from the round post's button: choose a member, score the four
 * dimensions, repeat until everyone is rated or the rater says done. Nobody sees who gave what.
 */
export function ballotDialog(actions: BallotActions) {
  return async function rateMasses(dialog: Dialog, ctx: DialogContext, args: BallotDialogArgs) {
    const userId = ctx.from!.id;
    await ctx.reply(
      ctx.t('rating-ballot-intro', { month: monthLabel(args.month, await replyLocale(ctx)), max: args.max }),
    );
    for (;;) {
      const left = await dialog.external(() => actions.candidates(args, userId));
      if (left.length === 0) {
        await ctx.reply(ctx.t('rating-ballot-all-done'), { reply_markup: { remove_keyboard: true } });
        return;
      }
      const done = ctx.t('rating-button-done');
      const choice = await ask(dialog, ctx, {
        prompt: 'rating-ballot-ask-member',
        keyboard: buttons([...left.map((m) => m.label), done]),
        validate: oneOf<(typeof left)[number] | null>([
          ...left.map((m) => [m.label, m] as const),
          [done, null],
        ]),
      });
      if (!choice) {
        await ctx.reply(ctx.t('rating-ballot-thanks'), { reply_markup: { remove_keyboard: true } });
        return;
      }
      const sheet = await askSheet(dialog, ctx, args.max, choice.name);
      await dialog.external(() => actions.cast(args, userId, choice.id, sheet));
      await ctx.reply(ctx.t('rating-ballot-saved', { name: choice.name }));
    }
  };
}
