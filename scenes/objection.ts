import { act } from './support/act.js';
import { fail, ok } from '../src/domain/errors.js';
import { toHalfWidth, validateText } from '../src/domain/text.js';
import type { DialogContext } from '../src/context.js';
import { replyLocale } from '../src/i18n.js';
import { monthLabel } from '../src/domain/locale-format.js';
import { ask, type Dialog } from './support/ask.js';

export interface ObjectionActions {
  file(branchId: string, month: string, userId: number, text: string): Promise<void>;
  resolve(objectionId: string, actorId: number, answer: string, newOrgScore?: number): Promise<void>;
}

/** A member objects (异议) to the provisional result, in private. */
export function objectionDialog(actions: ObjectionActions) {
  return async function object(
    dialog: Dialog,
    ctx: DialogContext,
    args: { branchId: string; month: string },
  ) {
    const text = await ask(dialog, ctx, {
      prompt: 'objection-ask-text',
      params: { month: monthLabel(args.month, await replyLocale(ctx)) },
      validate: (t) => validateText('comment', t),
    });
    const userId = ctx.from!.id;
    await act(dialog, () => actions.file(args.branchId, args.month, userId, text));
    await ctx.reply(ctx.t('objection-filed'));
  };
}

/** The secretary answers an objection: optionally a new organisation score ("-" keeps it), then the answer. */
export function objectionResolveDialog(actions: ObjectionActions) {
  return async function resolveObjection(dialog: Dialog, ctx: DialogContext, args: { objectionId: string }) {
    const score = await ask(dialog, ctx, {
      prompt: 'objection-ask-score',
      validate: (t) => {
        const s = toHalfWidth(t).trim();
        if (s === '-') return ok(undefined);
        return /^\d{1,3}$/.test(s) && Number(s) <= 100
          ? ok(Number(s))
          : fail('error-rating-org-score-out-of-range', { min: 0, max: 100 });
      },
    });
    const answer = await ask(dialog, ctx, {
      prompt: 'objection-ask-answer',
      validate: (t) => validateText('outcome', t),
    });
    const actorId = ctx.from!.id;
    await act(dialog, () => actions.resolve(args.objectionId, actorId, answer, score));
    await ctx.reply(ctx.t('objection-resolved'));
  };
}
