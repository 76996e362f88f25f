import { parseCommitteeKind } from '../src/domain/committee.js';
import { validateText } from '../src/domain/text.js';
import type { CommitteeService } from '../src/services/committee-service.js';
import { ask, type Dialog } from './support/ask.js';
import type { DialogContext } from '../src/bot/context.js';

/** /bindcommittee: asks the kind (党委 / 党总支), name and unit in the group; the admin becomes secretary. */
export function bindCommitteeDialog(committees: CommitteeService) {
  return async function bindCommittee(dialog: Dialog, ctx: DialogContext) {
    const kind = await ask(dialog, ctx, { prompt: 'committee-ask-kind', validate: parseCommitteeKind });
    const name = await ask(dialog, ctx, {
      prompt: 'committee-ask-name',
      validate: (t) => validateText('branch-name', t),
    });
    const unit = await ask(dialog, ctx, {
      prompt: 'bind-ask-unit',
      validate: (t) => validateText('unit', t),
    });
    const chatId = ctx.chat!.id;
    const actor = ctx.from!;
    const c = await dialog.external(() => committees.bind({ chatId, actorId: actor.id, kind, name, unit }));
    await ctx.reply(
      ctx.t('committee-bind-done', {
        kind: ctx.t(`committee-kind-${c.kind}`),
        name: c.name,
        secretary: actor.first_name,
      }),
    );
  };
}
