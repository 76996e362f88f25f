import type { PledgeItemDraft } from '../src/domain/pledge-item.js';
import { MAX_PLEDGE_ITEMS } from '../src/domain/pledge.js';
import type { DialogContext } from '../src/context.js';
import { askPledgeItem, buttons, oneOf } from './pledge-ask.js';
import { ask, type Dialog } from './support/ask.js';

/** What the dialog shows before it starts: the pledge so far (as plain data, it is replayed). */
export interface PledgeDialogState {
  name: string;
  year: number;
  minItems: number;
  tz: string;
  idleMinutes: number;
  /** The pledge as the ledger shows it, ready-made HTML. */
  summary: string;
  itemCount: number;
  returned: Array<{ id: string; text: string; reason: string }>;
}

export interface PledgeDialogArgs {
  branchId: string;
  memberId: string;
  /** 口头承诺: the secretary records the pledge of an elderly member. */
  oral: boolean;
}

/** What the dialog needs done; each runs once, outside the replay. */
export interface PledgeActions {
  load(args: PledgeDialogArgs, actorId: number): Promise<PledgeDialogState>;
  submit(
    args: PledgeDialogArgs,
    actorId: number,
    add: PledgeItemDraft[],
    rewrite: Record<string, PledgeItemDraft>,
  ): Promise<void>;
}

/**
 * /pledge in the private chat (科学定诺): returned items are rewritten first, then new items are
 * added until the member's minimum is met and they choose to submit. The secretary uses the same
 * dialog to record an oral pledge; those items are approved at once.
 */
export function pledgeDialog(actions: PledgeActions) {
  return async function pledge(dialog: Dialog, ctx: DialogContext, args: PledgeDialogArgs) {
    const actorId = ctx.from!.id;
    const state = await dialog.external(() => actions.load(args, actorId));
    await ctx.reply(state.summary, { parse_mode: 'HTML' });
    await ctx.reply(
      ctx.t(args.oral ? 'pledge-oral-intro' : 'pledge-intro', {
        name: state.name,
        year: String(state.year),
        min: state.minItems,
      }),
    );
    const rewrite: Record<string, PledgeItemDraft> = {};
    if (!args.oral) {
      for (const [i, r] of state.returned.entries()) {
        await ctx.reply(ctx.t('pledge-rewrite', { text: r.text, reason: r.reason }));
        rewrite[r.id] = await askPledgeItem(dialog, ctx, {
          number: i + 1,
          tz: state.tz,
          idleMinutes: state.idleMinutes,
        });
      }
    }
    const add: PledgeItemDraft[] = [];
    const choice = oneOf([
      [ctx.t('pledge-button-add'), 'add'],
      [ctx.t('pledge-button-submit'), 'submit'],
    ] as const);
    for (;;) {
      const total = state.itemCount + add.length;
      if (total >= MAX_PLEDGE_ITEMS) break;
      const anything = add.length > 0 || Object.keys(rewrite).length > 0;
      if (total >= state.minItems && anything) {
        const next = await ask(dialog, ctx, {
          prompt: 'pledge-ask-more',
          idleMinutes: state.idleMinutes,
          params: { count: total },
          keyboard: buttons([ctx.t('pledge-button-add'), ctx.t('pledge-button-submit')], 2),
          validate: choice,
        });
        if (next === 'submit') break;
      } else if (total < state.minItems) {
        await ctx.reply(ctx.t('pledge-need-more', { min: state.minItems, count: total }));
      }
      add.push(
        await askPledgeItem(dialog, ctx, { number: total + 1, tz: state.tz, idleMinutes: state.idleMinutes }),
      );
    }
    await dialog.external(() => actions.submit(args, actorId, add, rewrite));
    await ctx.reply(ctx.t(args.oral ? 'pledge-oral-recorded' : 'pledge-submitted'), {
      reply_markup: { remove_keyboard: true },
    });
  };
}
