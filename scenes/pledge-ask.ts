import { LEADS, parseLead, validateDueDate, type PledgeItemDraft } from '../src/domain/pledge-item.js';
import { validateText } from '../src/domain/text.js';
import type { DialogContext } from '../src/context.js';
import { ask, type Dialog } from './support/ask.js';
import { buttons, oneOfOr } from './support/choices.js';

/** Asks for one pledge item (承诺事项): lead of the five, concrete text, due date in the branch zone. */
export async function askPledgeItem(
  dialog: Dialog,
  ctx: DialogContext,
  opts: { number: number; tz: string; idleMinutes?: number },
): Promise<PledgeItemDraft> {
  const leadLabels = LEADS.map((l) => [ctx.t(`lead-${l}`), l] as const);
  const lead = await ask(dialog, ctx, {
    prompt: 'pledge-ask-lead',
    idleMinutes: opts.idleMinutes,
    params: { number: opts.number },
    keyboard: buttons(leadLabels.map(([l]) => l)),
    validate: oneOfOr(leadLabels, parseLead),
  });
  const text = await ask(dialog, ctx, {
    prompt: 'pledge-ask-text',
    idleMinutes: opts.idleMinutes,
    validate: (t) => validateText('pledge-text', t),
  });
  const dueDate = await ask(dialog, ctx, {
    prompt: 'pledge-ask-due',
    idleMinutes: opts.idleMinutes,
    validate: (t, now) => validateDueDate(t, new Date(now), opts.tz),
  });
  return { lead, text, dueDate };
}
