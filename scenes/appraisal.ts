import { act } from './support/act.js';
import type { AppraisalCategory } from '../src/domain/appraisal.js';
import { validateText } from '../src/domain/text.js';
import type { DialogContext } from '../src/context.js';
import { ask, type Dialog } from './support/ask.js';

export interface AppraisalReasonArgs {
  branchId: string;
  appraisalId: string;
  category: AppraisalCategory;
  /** Shown in the question: whose category changes, and to what (already translated). */
  name: string;
  categoryLabel: string;
  idleMinutes?: number;
}

/** What the dialog needs done, once, outside the replay; it re-checks rights and state. */
export type ChangeAppraisal = (
  chatId: number,
  actorId: number,
  args: AppraisalReasonArgs,
  reason: string,
) => Promise<void>;

/** The secretary's reason for changing a member's suggested appraisal category (年度民主评议). */
export function appraisalReasonDialog(change: ChangeAppraisal) {
  return async function appraisalReason(dialog: Dialog, ctx: DialogContext, args: AppraisalReasonArgs) {
    const reason = await ask(dialog, ctx, {
      prompt: 'appraisal-ask-reason',
      idleMinutes: args.idleMinutes,
      params: { name: args.name, category: args.categoryLabel },
      validate: (t) => validateText('override-reason', t),
    });
    const chatId = ctx.chat!.id;
    const actorId = ctx.from!.id;
    await act(dialog, () => change(chatId, actorId, args, reason));
  };
}
