import { act } from './support/act.js';
import { FEEDBACK_KINDS, parseFeedbackKind, type FeedbackKind } from '../src/domain/feedback.js';
import { validateText } from '../src/domain/text.js';
import type { DialogContext } from '../src/context.js';
import { buttons, oneOf, oneOfOr } from './support/choices.js';
import { ask, type Dialog } from './support/ask.js';

export interface FeedbackDialogArgs {
  branchId: string;
  /** Set when the link (or /feedback in reply to a member) already names the member. */
  memberId?: string;
}

export interface FeedbackDialogState {
  branchName: string;
  idleMinutes: number;
  /** Active members to choose from: id and "name · post" label. */
  members: Array<{ id: string; label: string }>;
  aboutName?: string;
}

export interface FeedbackInput {
  kind: FeedbackKind;
  text: string;
  anonymous: boolean;
  memberId?: string;
}

export interface FeedbackActions {
  /** Refuses a link naming the writer themselves (nobody writes about themselves). */
  load(args: FeedbackDialogArgs, writerId: number): Promise<FeedbackDialogState>;
  /** Refuses the writer choosing themselves, before the rest is asked. */
  choose(branchId: string, memberId: string, writerId: number): Promise<void>;
  /**
   * The writer is asked by the policy only; their id is stored with a named entry, never with an
   * anonymous one.
   */
  leave(branchId: string, input: FeedbackInput, writerId: number): Promise<void>;
  handle(
    chatId: number,
    actorId: number,
    feedbackId: string,
    outcome: string,
    upheld: boolean | undefined,
    messageId?: number,
  ): Promise<void>;
}

/** The feedback book (意见簿), in the private chat: about whom, kind, anonymous or named, then the text. */
export function feedbackDialog(actions: Pick<FeedbackActions, 'load' | 'choose' | 'leave'>) {
  return async function feedback(dialog: Dialog, ctx: DialogContext, args: FeedbackDialogArgs) {
    const writerId = ctx.from!.id;
    const state = await act(dialog, () => actions.load(args, writerId));
    await ctx.reply(ctx.t('feedback-intro', { branch: state.branchName }));
    let memberId = args.memberId;
    if (memberId === undefined) {
      const whole = ctx.t('feedback-button-branch');
      memberId = await ask(dialog, ctx, {
        prompt: 'feedback-ask-member',
        idleMinutes: state.idleMinutes,
        keyboard: buttons([...state.members.map((m) => m.label), whole]),
        validate: oneOf<string | undefined>([
          ...state.members.map((m) => [m.label, m.id] as const),
          [whole, undefined],
        ]),
      });
      const chosen = memberId;
      if (chosen !== undefined) await act(dialog, () => actions.choose(args.branchId, chosen, writerId));
    }
    const kindLabels = FEEDBACK_KINDS.map((k) => [ctx.t(`feedback-kind-${k}`), k] as const);
    const kind = await ask(dialog, ctx, {
      prompt: 'feedback-ask-kind',
      idleMinutes: state.idleMinutes,
      keyboard: buttons(
        kindLabels.map(([l]) => l),
        3,
      ),
      validate: oneOfOr(kindLabels, parseFeedbackKind),
    });
    const anonymous = await ask(dialog, ctx, {
      prompt: 'feedback-ask-anonymous',
      idleMinutes: state.idleMinutes,
      keyboard: buttons([ctx.t('feedback-button-anonymous'), ctx.t('feedback-button-named')], 2),
      validate: oneOf([
        [ctx.t('feedback-button-anonymous'), true],
        [ctx.t('feedback-button-named'), false],
      ] as const),
    });
    // The text is the last answer: the dialog ends with it, so it is never written to the stored
    // dialog state next to the writer's id (only answers awaited further are kept there).
    const text = await ask(dialog, ctx, {
      prompt: 'feedback-ask-text',
      idleMinutes: state.idleMinutes,
      validate: (t) => validateText('feedback-text', t),
    });
    const input: FeedbackInput = { kind, text, anonymous, ...(memberId !== undefined && { memberId }) };
    await act(dialog, () => actions.leave(args.branchId, input, writerId));
    await ctx.reply(ctx.t(anonymous ? 'feedback-thanks-anonymous' : 'feedback-thanks'), {
      reply_markup: { remove_keyboard: true },
    });
  };
}

/** The secretary handles an entry: the outcome, and for a complaint whether it was upheld. */
export function feedbackHandleDialog(actions: Pick<FeedbackActions, 'handle'>) {
  return async function feedbackHandle(
    dialog: Dialog,
    ctx: DialogContext,
    args: { id: string; complaint: boolean; messageId?: number; idleMinutes?: number },
  ) {
    const outcome = await ask(dialog, ctx, {
      prompt: 'feedback-ask-outcome',
      idleMinutes: args.idleMinutes,
      validate: (t) => validateText('outcome', t),
    });
    let upheld: boolean | undefined;
    if (args.complaint) {
      upheld = await ask(dialog, ctx, {
        prompt: 'feedback-ask-upheld',
        idleMinutes: args.idleMinutes,
        keyboard:
          ctx.chat?.type === 'private' ? buttons([ctx.t('word-yes'), ctx.t('word-no')], 2) : undefined,
        validate: oneOf([
          [ctx.t('word-yes'), true],
          [ctx.t('word-no'), false],
        ] as const),
      });
    }
    const chatId = ctx.chat!.id;
    const actorId = ctx.from!.id;
    await act(dialog, () => actions.handle(chatId, actorId, args.id, outcome, upheld, args.messageId));
    await ctx.reply(ctx.t('feedback-handled'), { reply_markup: { remove_keyboard: true } });
  };
}
