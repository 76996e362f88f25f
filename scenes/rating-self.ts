import { act } from './support/act.js';
import { ok } from '../src/domain/errors.js';
import type { ScoreSheet } from '../src/domain/rating.js';
import type { DialogContext } from '../src/context.js';
import { replyLocale } from '../src/i18n.js';
import { monthLabel } from '../src/domain/locale-format.js';
import { validateText } from '../src/domain/text.js';
import { askSheet } from './rating-sheet.js';
import { ask, type Dialog } from './support/ask.js';

export interface SelfDialogArgs {
  branchId: string;
  month: string;
  name: string;
  max: number;
}

export interface RatingDialogActions {
  selfEvaluate(args: SelfDialogArgs, userId: number, sheet: ScoreSheet, remark?: string): Promise<number>;
}

/** 党员自评 in private: four scores and an optional remark ("-" for none). */
export function selfDialog(actions: RatingDialogActions) {
  return async function rateSelf(dialog: Dialog, ctx: DialogContext, args: SelfDialogArgs) {
    await ctx.reply(
      ctx.t('rating-self-intro', { month: monthLabel(args.month, await replyLocale(ctx)), max: args.max }),
    );
    const sheet = await askSheet(dialog, ctx, args.max, args.name);
    const remark = await ask(dialog, ctx, {
      prompt: 'rating-ask-remark',
      validate: (t) => (t.trim() === '-' ? ok(undefined) : validateText('comment', t)),
    });
    const userId = ctx.from!.id;
    const total = await act(dialog, () => actions.selfEvaluate(args, userId, sheet, remark));
    await ctx.reply(ctx.t('rating-self-saved', { total, max: args.max * 4 }), {
      reply_markup: { remove_keyboard: true },
    });
  };
}
