import { act } from './support/act.js';
import type { ScoreSheet } from '../src/domain/rating.js';
import type { DialogContext } from '../src/context.js';
import { replyLocale } from '../src/i18n.js';
import { monthLabel } from '../src/domain/locale-format.js';
import { buttons, oneOf } from './support/choices.js';
import { askSheet } from './rating-sheet.js';
import { ask, type Dialog } from './support/ask.js';

export interface BallotDialogArgs {
  branchId: string;
  month: string;
  max: number;
  /** Opened from "rate the next member": no introduction again. */
  again?: boolean;
  /** Opened from a member's plate (挂牌): that member only. */
  memberId?: string;
}

/**
 * Callback data of "rate the next member" (`rbn:<branchId>`, 28 bytes), packed, read and matched
 * here (the dialog sends it, src/bot/features/rating.ts answers it; test/bot/callback-data.test.ts).
 */
export const nextBallotButton = {
  pack: (branchId: string): string => `rbn:${branchId}`,
  unpack: (data: string): string | null => /^rbn:([0-9a-f]{24})$/.exec(data)?.[1] ?? null,
  filter: /^rbn:[0-9a-f]{24}$/,
};

export interface BallotActions {
  /** Members this rater may still rate: id and "name · post" label. */
  candidates(
    args: BallotDialogArgs,
    raterUserId: number,
  ): Promise<Array<{ id: string; label: string; name: string }>>;
  /** Casts an anonymous ballot; the rater's id goes only to the box's list of who has rated. */
  cast(args: BallotDialogArgs, raterUserId: number, memberId: string, sheet: ScoreSheet): Promise<void>;
}

/**
 * 群众测评 in private, opened from the round post's button: choose a member, score the four
 * dimensions, cast. One ballot per dialog: the dialog ends with the cast, so the scores are never
 * kept in the stored dialog state next to the rater once cast (README, "Anonymity"); a button
 * opens the next one. Nobody sees who gave what.
 */
export function ballotDialog(actions: BallotActions) {
  return async function rateMasses(dialog: Dialog, ctx: DialogContext, args: BallotDialogArgs) {
    const userId = ctx.from!.id;
    if (!args.again)
      await ctx.reply(
        ctx.t('rating-ballot-intro', {
          month: monthLabel(args.month, await replyLocale(ctx)),
          max: args.max,
        }),
      );
    const left = await act(dialog, () => actions.candidates(args, userId));
    if (left.length === 0) {
      await ctx.reply(ctx.t('rating-ballot-all-done'), { reply_markup: { remove_keyboard: true } });
      return;
    }
    if (args.memberId) {
      const only = left.find((m) => m.id === args.memberId);
      if (!only) return void (await ctx.reply(ctx.t('plate-ballot-unavailable')));
      const sheet = await askSheet(dialog, ctx, args.max, only.name);
      await act(dialog, () => actions.cast(args, userId, only.id, sheet));
      await ctx.reply(ctx.t('rating-ballot-saved', { name: only.name }), {
        reply_markup: { remove_keyboard: true },
      });
      return;
    }
    const done = ctx.t('rating-button-done');
    const choice = await ask(dialog, ctx, {
      prompt: 'rating-ballot-ask-member',
      keyboard: buttons([...left.map((m) => m.label), done]),
      validate: oneOf<(typeof left)[number] | null>([
        ...left.map((m) => [m.label, m] as const),
        [done, null],
      ]),
    });
    if (!choice) {
      await ctx.reply(ctx.t('rating-ballot-thanks'), { reply_markup: { remove_keyboard: true } });
      return;
    }
    const sheet = await askSheet(dialog, ctx, args.max, choice.name);
    await act(dialog, () => actions.cast(args, userId, choice.id, sheet));
    const more = left.length > 1;
    await ctx.reply(ctx.t('rating-ballot-saved', { name: choice.name }), {
      reply_markup: more
        ? {
            inline_keyboard: [
              [
                {
                  text: ctx.t('rating-button-next-ballot'),
                  callback_data: nextBallotButton.pack(args.branchId),
                },
              ],
            ],
          }
        : { remove_keyboard: true },
    });
    if (!more) await ctx.reply(ctx.t('rating-ballot-all-done'));
  };
}
