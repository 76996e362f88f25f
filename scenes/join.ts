import { Keyboard } from 'grammy';
import { validateField, type MemberCard, type MemberCardField } from '../src/domain/member.js';
import type { DialogContext } from '../src/context.js';
import { ask, type Dialog } from './support/ask.js';

export interface JoinOutcome {
  needsReview: boolean;
  edited: boolean;
}

/** What the dialog needs done when the card is complete; runs once, outside the replay. */
export type SubmitCard = (branchId: string, userId: number, card: MemberCard) => Promise<JoinOutcome>;

const STEPS: ReadonlyArray<{ field: MemberCardField; choices?: 'membership' | 'yes-no' }> = [
  { field: 'realName' },
  { field: 'post' },
  { field: 'unit' },
  { field: 'membership', choices: 'membership' },
  { field: 'isLeading', choices: 'yes-no' },
  { field: 'isElderly', choices: 'yes-no' },
  { field: 'motto' },
];

/** /join, in the private chat: the member card (亮身份) step by step, then submitted for confirmation. */
export function joinDialog(submit: SubmitCard) {
  return async function join(dialog: Dialog, ctx: DialogContext, branchId: string, idleMinutes?: number) {
    const card: Record<string, unknown> = {};
    for (const step of STEPS) {
      const keyboard = step.choices ? choiceKeyboard(ctx, step.choices) : undefined;
      card[step.field] = await ask(dialog, ctx, {
        prompt: `join-ask-${step.field}`,
        keyboard,
        idleMinutes,
        validate: (text) => validateField(step.field, text),
      });
    }
    const userId = ctx.from!.id;
    const outcome = await dialog.external(() => submit(branchId, userId, card as unknown as MemberCard));
    const key = outcome.edited ? 'join-edited' : 'join-submitted';
    await ctx.reply(ctx.t(key), { reply_markup: { remove_keyboard: true } });
  };
}

function choiceKeyboard(ctx: DialogContext, kind: 'membership' | 'yes-no') {
  const [a, b] =
    kind === 'membership' ? ['membership-full', 'membership-probationary'] : ['word-yes', 'word-no'];
  return new Keyboard().text(ctx.t(a)).text(ctx.t(b)).oneTime().resized();
}
