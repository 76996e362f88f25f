import { act } from './support/act.js';
import { parseDeedDate, parsePeopleCount } from '../src/domain/deed-parse.js';
import type { DeedDraft } from '../src/domain/deed.js';
import { ok, type Result } from '../src/domain/errors.js';
import { validateText } from '../src/domain/text.js';
import type { DialogContext } from '../src/context.js';
import { buttons, oneOf } from './support/choices.js';
import { ask, leaveForCommand, waitForAnswer, type Dialog } from './support/ask.js';

export interface DeedDialogArgs {
  branchId: string;
  /** Set when the member edits a deed still awaiting review. */
  deedId?: string;
  /** A photo sent with a bare `/deed` caption. */
  photoFileId?: string;
}

export interface DeedDialogState {
  tz: string;
  idleMinutes: number;
  /** Open pledge items the deed may fulfil: id and a short label. */
  items: Array<{ id: string; label: string }>;
  current?: DeedDraft;
}

export interface DeedActions {
  load(args: DeedDialogArgs, userId: number): Promise<DeedDialogState>;
  save(args: DeedDialogArgs, userId: number, draft: DeedDraft): Promise<string>;
}

const KEEP = Symbol('keep');

/** Wraps a validation so that the "keep" button keeps the current value while editing. */
function keepable<T>(ctx: DialogContext, editing: boolean, validate: (t: string, now: number) => Result<T>) {
  return (t: string, now: number): Result<T | typeof KEEP> =>
    editing && t.trim() === ctx.t('deed-button-keep') ? ok(KEEP) : validate(t, now);
}

/** /deed in the private chat (一件事一记录): what, when, for whom, how many, which pledge item, a photo. */
export function deedDialog(actions: DeedActions) {
  return async function deed(dialog: Dialog, ctx: DialogContext, args: DeedDialogArgs) {
    const userId = ctx.from!.id;
    const state = await act(dialog, () => actions.load(args, userId));
    const cur = state.current;
    const editing = cur !== undefined;
    const keep = editing ? [ctx.t('deed-button-keep')] : [];
    const kb = (labels: string[]) => (labels.length ? buttons(labels, 2) : undefined);
    const pick = <T>(v: T | typeof KEEP, old: T) => (v === KEEP ? old : v);

    const what = await ask(dialog, ctx, {
      prompt: editing ? 'deed-ask-what-edit' : 'deed-ask-what',
      idleMinutes: state.idleMinutes,
      params: { current: cur?.what ?? '' },
      keyboard: kb(keep),
      validate: keepable(ctx, editing, (t) => validateText('deed-what', t)),
    });
    const date = await ask(dialog, ctx, {
      prompt: 'deed-ask-date',
      idleMinutes: state.idleMinutes,
      keyboard: buttons([ctx.t('deed-button-today'), ctx.t('deed-button-yesterday'), ...keep], 3),
      validate: keepable(ctx, editing, (t, now) => {
        const word =
          t.trim() === ctx.t('deed-button-today')
            ? '今天'
            : t.trim() === ctx.t('deed-button-yesterday')
              ? '昨天'
              : t;
        return parseDeedDate(word, new Date(now), state.tz);
      }),
    });
    const forWhom = await ask(dialog, ctx, {
      prompt: 'deed-ask-for-whom',
      idleMinutes: state.idleMinutes,
      keyboard: kb(keep),
      validate: keepable(ctx, editing, (t) => validateText('for-whom', t)),
    });
    const people = await ask(dialog, ctx, {
      prompt: 'deed-ask-people',
      idleMinutes: state.idleMinutes,
      keyboard: buttons(['1', '2', '5', '10', ...keep], 5),
      validate: keepable(ctx, editing, parsePeopleCount),
    });
    let pledgeItemId: string | undefined;
    if (state.items.length > 0) {
      const skip = ctx.t('deed-button-no-item');
      const choose = oneOf<string | undefined>([
        ...state.items.map((i) => [i.label, i.id] as const),
        [skip, undefined],
      ]);
      pledgeItemId = await ask(dialog, ctx, {
        prompt: 'deed-ask-item',
        idleMinutes: state.idleMinutes,
        keyboard: buttons([...state.items.map((i) => i.label), skip]),
        validate: choose,
      });
    }
    const photoFileId =
      args.photoFileId ??
      (await askPhoto(dialog, ctx, editing ? cur.photoFileId : undefined, state.idleMinutes));
    const draft: DeedDraft = {
      what: pick(what, cur?.what ?? ''),
      date: pick(date, cur?.date ?? ''),
      forWhom: pick(forWhom, cur?.forWhom ?? ''),
      peopleHelped: pick(people, cur?.peopleHelped ?? 1),
      ...(pledgeItemId !== undefined && { pledgeItemId }),
      ...(photoFileId !== undefined && { photoFileId }),
    };
    await act(dialog, () => actions.save(args, userId, draft));
    await ctx.reply(ctx.t(editing ? 'deed-edited' : 'deed-saved'), {
      reply_markup: { remove_keyboard: true },
    });
  };
}

/** Waits for a photo, or the skip (or keep) button. */
async function askPhoto(
  dialog: Dialog,
  ctx: DialogContext,
  current: string | undefined,
  idleMinutes: number,
): Promise<string | undefined> {
  const skip = ctx.t('deed-button-no-photo');
  const keep = ctx.t('deed-button-keep');
  const labels = current ? [keep, skip] : [skip];
  await ctx.reply(ctx.t('deed-ask-photo'), { reply_markup: buttons(labels, 2) });
  for (;;) {
    const askedAt = await dialog.now();
    const answer = await waitForAnswer(dialog, ctx.from!.id);
    if ((await dialog.now()) - askedAt > idleMinutes * 60_000) {
      await answer.reply(answer.t('dialog-expired', { minutes: idleMinutes }), {
        reply_markup: { remove_keyboard: true },
      });
      await dialog.halt();
    }
    const photo = answer.message.photo;
    if (photo && photo.length > 0) return photo[photo.length - 1]!.file_id;
    const text = answer.message.text?.trim();
    if (text?.startsWith('/')) await leaveForCommand(dialog, answer, true);
    if (text === skip) return undefined;
    if (current && text === keep) return current;
    await answer.reply(answer.t('deed-ask-photo-again'));
  }
}
