import { act } from './support/act.js';
import { Keyboard } from 'grammy';
import { validateField, type MemberCard, type MemberCardField } from '../src/domain/member.js';
import type { DialogContext } from '../src/context.js';
import { ask, type Dialog } from './support/ask.js';
import { buttons, oneOf } from './support/choices.js';

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

/** /join, in the private chat: the member card (亮身份) step by step, shown whole, then submitted. */
export function joinDialog(submit: SubmitCard) {
  return async function join(dialog: Dialog, ctx: DialogContext, branchId: string, idleMinutes?: number) {
    const card: Record<string, unknown> = {};
    const askField = async (step: (typeof STEPS)[number]) => {
      const keyboard = step.choices ? choiceKeyboard(ctx, step.choices) : undefined;
      card[step.field] = await ask(dialog, ctx, {
        prompt: `join-ask-${step.field}`,
        keyboard,
        idleMinutes,
        validate: (text) => validateField(step.field, text),
      });
    };
    for (const step of STEPS) await askField(step);
    // The whole card before it goes out: submit it, or change one answer and see it again.
    const decisions = [
      [ctx.t('join-button-submit'), 'submit'],
      [ctx.t('join-button-change'), 'change'],
    ] as const;
    const fields = STEPS.map((step) => [ctx.t(`join-field-${step.field}`), step] as const);
    const labels = (choices: ReadonlyArray<readonly [string, unknown]>) => choices.map(([label]) => label);
    for (;;) {
      const next = await ask(dialog, ctx, {
        prompt: 'join-summary',
        params: { card: cardLines(ctx, card as unknown as MemberCard) },
        keyboard: buttons(labels(decisions), 2),
        idleMinutes,
        validate: oneOf(decisions),
      });
      if (next === 'submit') break;
      const step = await ask(dialog, ctx, {
        prompt: 'join-ask-which',
        keyboard: buttons(labels(fields), 2),
        idleMinutes,
        validate: oneOf(fields),
      });
      await askField(step);
    }
    const userId = ctx.from!.id;
    const outcome = await act(dialog, () => submit(branchId, userId, card as unknown as MemberCard));
    const key = outcome.edited ? 'join-edited' : 'join-submitted';
    await ctx.reply(ctx.t(key), { reply_markup: { remove_keyboard: true } });
  };
}

/** The card as the member reads it before submitting: one line per answer. */
function cardLines(ctx: DialogContext, card: MemberCard): string {
  const yesNo = (v: boolean) => ctx.t(v ? 'word-yes' : 'word-no');
  const shown: Record<MemberCardField, string> = {
    realName: card.realName,
    post: card.post,
    unit: card.unit,
    membership: ctx.t(card.membership === 'full' ? 'membership-full' : 'membership-probationary'),
    isLeading: yesNo(card.isLeading),
    isElderly: yesNo(card.isElderly),
    motto: card.motto,
  };
  return STEPS.map((s) =>
    ctx.t('join-summary-line', { field: ctx.t(`join-field-${s.field}`), value: shown[s.field] }),
  ).join('\n');
}

function choiceKeyboard(ctx: DialogContext, kind: 'membership' | 'yes-no') {
  const [a, b] =
    kind === 'membership' ? ['membership-full', 'membership-probationary'] : ['word-yes', 'word-no'];
  return new Keyboard().text(ctx.t(a)).text(ctx.t(b)).oneTime().resized();
}
