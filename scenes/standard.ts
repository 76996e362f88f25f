import { act } from './support/act.js';
import { validateText } from '../src/domain/text.js';
import type { DialogContext } from '../src/context.js';
import { ask, type Dialog } from './support/ask.js';

/** What the dialogs need done once the answer is in; each runs once, outside the replay. */
export interface StandardActions {
  propose(branchId: string, userId: number, text: string): Promise<void>;
  comment(standardId: string, author: { id: number; name: string }, text: string): Promise<void>;
  returnWithReason(
    chatId: number,
    actorId: number,
    standardId: string,
    revision: number,
    reason: string,
  ): Promise<void>;
  /** Approval before the comment period ends (提前审定), with the reviewer's reason. */
  approveEarly(
    chatId: number,
    actor: { id: number; name: string },
    standardId: string,
    revision: number,
    reason: string,
  ): Promise<void>;
}

/** /standard, in the private chat: the member writes the standard of their post (党员提标准). */
export function standardDialog(actions: Pick<StandardActions, 'propose'>) {
  return async function standard(dialog: Dialog, ctx: DialogContext, branchId: string, idleMinutes?: number) {
    const text = await ask(dialog, ctx, {
      prompt: 'standard-ask-text',
      idleMinutes,
      validate: (t) => validateText('standard-text', t),
    });
    const userId = ctx.from!.id;
    await act(dialog, () => actions.propose(branchId, userId, text));
    await ctx.reply(ctx.t('standard-submitted'));
  };
}

/** The comment button's private dialog (群众议标准): one comment, shown to the member and the secretary. */
export function standardCommentDialog(actions: Pick<StandardActions, 'comment'>) {
  return async function standardComment(
    dialog: Dialog,
    ctx: DialogContext,
    standardId: string,
    idleMinutes?: number,
  ) {
    const text = await ask(dialog, ctx, {
      prompt: 'standard-ask-comment',
      idleMinutes,
      validate: (t) => validateText('comment', t),
    });
    const author = { id: ctx.from!.id, name: ctx.from!.first_name };
    await act(dialog, () => actions.comment(standardId, author, text));
    await ctx.reply(ctx.t('standard-comment-sent'));
  };
}

/** The return button, in the group: the reviewer gives the reason (组织定标准). */
export function standardReturnDialog(actions: Pick<StandardActions, 'returnWithReason'>) {
  return async function standardReturn(
    dialog: Dialog,
    ctx: DialogContext,
    target: { standardId: string; revision: number; name: string; idleMinutes?: number; locale?: string },
  ) {
    // Entered from a button (whose alerts speak the presser's language): the group hears the branch's.
    if (target.locale) ctx.i18n.useLocale(target.locale);
    const reason = await ask(dialog, ctx, {
      prompt: 'standard-ask-return-reason',
      params: { name: target.name },
      idleMinutes: target.idleMinutes,
      validate: (t) => validateText('return-reason', t),
    });
    const chatId = ctx.chat!.id;
    const actorId = ctx.from!.id;
    await act(dialog, () =>
      actions.returnWithReason(chatId, actorId, target.standardId, target.revision, reason),
    );
  };
}

/** The approve button pressed while the comment period runs: the reviewer gives the reason to approve early. */
export function standardApproveEarlyDialog(actions: Pick<StandardActions, 'approveEarly'>) {
  return async function standardApproveEarly(
    dialog: Dialog,
    ctx: DialogContext,
    target: {
      standardId: string;
      revision: number;
      name: string;
      closesAt: string;
      idleMinutes?: number;
      locale?: string;
    },
  ) {
    if (target.locale) ctx.i18n.useLocale(target.locale);
    const reason = await ask(dialog, ctx, {
      prompt: 'standard-ask-early-reason',
      params: { name: target.name, closesAt: target.closesAt },
      idleMinutes: target.idleMinutes,
      validate: (t) => validateText('early-reason', t),
    });
    const chatId = ctx.chat!.id;
    const actor = { id: ctx.from!.id, name: ctx.from!.first_name };
    await act(dialog, () => actions.approveEarly(chatId, actor, target.standardId, target.revision, reason));
  };
}
