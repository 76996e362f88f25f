import { act } from './support/act.js';
import { validateText } from '../src/domain/text.js';
import type { BranchService } from '../src/services/branch-service.js';
import { ask, type Dialog } from './support/ask.js';
import type { DialogContext } from '../src/context.js';

/** The name (asked with `namePrompt`) and the unit of a branch or committee being bound. */
export async function askNameAndUnit(dialog: Dialog, ctx: DialogContext, namePrompt: string) {
  const name = await ask(dialog, ctx, {
    prompt: namePrompt,
    validate: (t) => validateText('branch-name', t),
  });
  const unit = await ask(dialog, ctx, {
    prompt: 'bind-ask-unit',
    validate: (t) => validateText('unit', t),
  });
  return { name, unit };
}

/** /bind: asks the branch name and unit in the group, then binds; the admin becomes secretary. */
export function bindDialog(branches: BranchService) {
  return async function bind(dialog: Dialog, ctx: DialogContext) {
    const { name, unit } = await askNameAndUnit(dialog, ctx, 'bind-ask-name');
    const chatId = ctx.chat!.id;
    const actor = ctx.from!;
    const branch = await act(dialog, () => branches.bind({ chatId, actorId: actor.id, name, unit }));
    await ctx.reply(
      ctx.t('bind-done', { name: branch.name, unit: branch.unit, secretary: actor.first_name }),
    );
  };
}
