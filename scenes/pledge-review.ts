import { act } from './support/act.js';
import { validateText } from '../src/domain/text.js';
import type { DialogContext } from '../src/context.js';
import { ask, type Dialog } from './support/ask.js';

/** Decisions that need a reason typed by the reviewer. */
export type ReasonKind = 'pledge-return' | 'pledge-done-reject' | 'deed-reject';

export interface ReasonArgs {
  kind: ReasonKind;
  /** Id of the pledge item or deed. */
  id: string;
  /** The message whose button was pressed, edited once the decision is made. */
  messageId?: number;
  /** Shown in the question: whose record it is. */
  name: string;
  /** The reviewer's name, for the label that says who decided. */
  by?: string;
  idleMinutes?: number;
}

/** What the dialogs need done; each runs once, outside the replay, and re-checks rights and state. */
export interface ReviewActions {
  decideWithReason(chatId: number, actorId: number, args: ReasonArgs, reason: string): Promise<void>;
  claimDone(chatId: number, userId: number, itemId: string, evidence: string): Promise<void>;
}

/** The reviewer's reason for returning an item, turning down a done claim or rejecting a deed. */
export function reviewReasonDialog(actions: Pick<ReviewActions, 'decideWithReason'>) {
  return async function reviewReason(dialog: Dialog, ctx: DialogContext, args: ReasonArgs) {
    const field = args.kind === 'deed-reject' ? 'reject-reason' : 'return-reason';
    const reason = await ask(dialog, ctx, {
      prompt: `review-ask-reason-${args.kind}`,
      idleMinutes: args.idleMinutes,
      params: { name: args.name },
      validate: (t) => validateText(field, t),
    });
    const chatId = ctx.chat!.id;
    const actorId = ctx.from!.id;
    await act(dialog, () => actions.decideWithReason(chatId, actorId, args, reason));
  };
}

/** The member marks a pledge item done (践诺) and says what proves it. */
export function pledgeDoneDialog(actions: Pick<ReviewActions, 'claimDone'>) {
  return async function pledgeDone(
    dialog: Dialog,
    ctx: DialogContext,
    args: { itemId: string; text: string; idleMinutes?: number },
  ) {
    const evidence = await ask(dialog, ctx, {
      prompt: 'pledge-ask-evidence',
      idleMinutes: args.idleMinutes,
      params: { text: args.text },
      validate: (t) => validateText('evidence', t),
    });
    const chatId = ctx.chat!.id;
    const userId = ctx.from!.id;
    await act(dialog, () => actions.claimDone(chatId, userId, args.itemId, evidence));
    await ctx.reply(ctx.t('pledge-done-claimed'));
  };
}
