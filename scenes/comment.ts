import { act } from './support/act.js';
import { validateText } from '../src/domain/text.js';
import type { DialogContext } from '../src/context.js';
import { replyLocale } from '../src/i18n.js';
import { quarterLabel } from '../src/domain/locale-format.js';
import { buttons, oneOf } from './support/choices.js';
import { ask, type Dialog } from './support/ask.js';

export interface CommentActions {
  pending(
    branchId: string,
    actorId: number,
  ): Promise<{ quarter: string; members: Array<{ id: string; label: string; name: string }> }>;
  /** Saves the comment in the ledger and sends it to the member. */
  write(branchId: string, actorId: number, memberId: string, text: string): Promise<void>;
}

/** 领导点评 in private: the secretary picks a member, writes achievements, shortcomings and direction. */
export function commentDialog(actions: CommentActions) {
  return async function comment(dialog: Dialog, ctx: DialogContext, args: { branchId: string }) {
    const actorId = ctx.from!.id;
    for (;;) {
      const pending = await act(dialog, () => actions.pending(args.branchId, actorId));
      const { members } = pending;
      const quarter = quarterLabel(pending.quarter, await replyLocale(ctx));
      if (members.length === 0)
        return void (await ctx.reply(ctx.t('comment-all-done', { quarter }), {
          reply_markup: { remove_keyboard: true },
        }));
      const done = ctx.t('rating-button-done');
      const choice = await ask(dialog, ctx, {
        prompt: 'comment-ask-member',
        params: { quarter },
        keyboard: buttons([...members.map((m) => m.label), done]),
        validate: oneOf<(typeof members)[number] | null>([
          ...members.map((m) => [m.label, m] as const),
          [done, null],
        ]),
      });
      if (!choice)
        return void (await ctx.reply(ctx.t('comment-later'), { reply_markup: { remove_keyboard: true } }));
      const text = await ask(dialog, ctx, {
        prompt: 'comment-ask-text',
        params: { name: choice.name },
        validate: (t) => validateText('comment', t),
      });
      await act(dialog, () => actions.write(args.branchId, actorId, choice.id, text));
      await ctx.reply(ctx.t('comment-saved', { name: choice.name }));
    }
  };
}
