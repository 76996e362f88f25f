import { act } from './support/act.js';
import type { PledgeItemDraft } from '../src/domain/pledge-item.js';
import { MAX_PLEDGE_ITEMS } from '../src/domain/pledge.js';
import type { DialogContext } from '../src/context.js';
import { askPledgeItem } from './pledge-ask.js';
import { buttons, oneOf } from './support/choices.js';
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
    const state = await act(dialog, () => actions.load(args, actorId));
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
    const [addLabel, submitLabel, changeLabel] = [
      ctx.t('pledge-button-add'),
      ctx.t('pledge-button-submit'),
      ctx.t('pledge-button-change'),
    ];
    for (;;) {
      const total = state.itemCount + add.length;
      const full = total >= MAX_PLEDGE_ITEMS;
      const anything = add.length > 0 || Object.keys(rewrite).length > 0;
      if (full && !anything) break;
      if ((total >= state.minItems || full) && anything) {
        // What this dialog wrote, before it goes out: add more, change one, or submit.
        const drafts = [...Object.keys(rewrite).map((id) => ({ id })), ...add.map((_, i) => ({ i }))];
        const draftOf = (d: (typeof drafts)[number]) => ('id' in d ? rewrite[d.id]! : add[d.i]!);
        const items = drafts
          .map((d, k) => {
            const item = draftOf(d);
            return ctx.t('pledge-published-item', {
              n: k + 1,
              lead: ctx.t(`lead-${item.lead}`),
              text: item.text,
              due: item.dueDate,
            });
          })
          .join('\n');
        const options = [
          ...(full ? [] : [[addLabel, 'add'] as const]),
          [submitLabel, 'submit'] as const,
          [changeLabel, 'change'] as const,
        ];
        const labels = options.map(([label]) => label);
        const next = await ask(dialog, ctx, {
          prompt: 'pledge-ask-more',
          idleMinutes: state.idleMinutes,
          params: { count: total, items },
          keyboard: buttons(labels, labels.length),
          validate: oneOf(options),
        });
        if (next === 'submit') break;
        if (next === 'change') {
          const k = await ask(dialog, ctx, {
            prompt: 'pledge-ask-which',
            idleMinutes: state.idleMinutes,
            keyboard: buttons(
              drafts.map((_, k) => String(k + 1)),
              5,
            ),
            validate: oneOf(drafts.map((d, k) => [String(k + 1), d] as const)),
          });
          const redone = await askPledgeItem(dialog, ctx, {
            number: drafts.indexOf(k) + 1,
            tz: state.tz,
            idleMinutes: state.idleMinutes,
          });
          if ('id' in k) rewrite[k.id] = redone;
          else add[k.i] = redone;
          continue;
        }
      } else if (total < state.minItems) {
        await ctx.reply(ctx.t('pledge-need-more', { min: state.minItems, count: total }));
      }
      add.push(
        await askPledgeItem(dialog, ctx, { number: total + 1, tz: state.tz, idleMinutes: state.idleMinutes }),
      );
    }
    await act(dialog, () => actions.submit(args, actorId, add, rewrite));
    await ctx.reply(ctx.t(args.oral ? 'pledge-oral-recorded' : 'pledge-submitted'), {
      reply_markup: { remove_keyboard: true },
    });
  };
}
