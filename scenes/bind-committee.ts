import { act } from './support/act.js';
import { parseCommitteeKind } from '../src/domain/committee.js';
import type { CommitteeService } from '../src/services/committee-service.js';
import { ask, type Dialog } from './support/ask.js';
import { askNameAndUnit } from './bind.js';
import type { DialogContext } from '../src/context.js';

/** /bindcommittee: asks the kind (党委 / 党总支), name and unit in the group; the admin becomes secretary. */
export function bindCommitteeDialog(committees: CommitteeService) {
  return async function bindCommittee(dialog: Dialog, ctx: DialogContext) {
    const kind = await ask(dialog, ctx, { prompt: 'committee-ask-kind', validate: parseCommitteeKind });
    const { name, unit } = await askNameAndUnit(dialog, ctx, 'committee-ask-name');
    const chatId = ctx.chat!.id;
    const actor = ctx.from!;
    const c = await act(dialog, () => committees.bind({ chatId, actorId: actor.id, kind, name, unit }));
    await ctx.reply(
      ctx.t('committee-bind-done', {
        kind: ctx.t(`committee-kind-${c.kind}`),
        name: c.name,
        secretary: actor.first_name,
      }),
    );
  };
}
