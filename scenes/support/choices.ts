import { Keyboard } from 'grammy';
import type { ReplyKeyboardMarkup } from 'grammy/types';
import { fail, ok, type Result } from '../../src/domain/errors.js';

/** A reply keyboard of one button per row (or `perRow`), shown once. */
export function buttons(labels: readonly string[], perRow = 1): ReplyKeyboardMarkup {
  const kb = new Keyboard();
  labels.forEach((label, i) => {
    kb.text(label);
    if ((i + 1) % perRow === 0) kb.row();
  });
  return { keyboard: kb.build(), one_time_keyboard: true, resize_keyboard: true };
}

/** Validates an answer that must be one of the offered labels (case and spaces ignored). */
export function oneOf<T>(choices: ReadonlyArray<readonly [string, T]>) {
  return (text: string): Result<T> => {
    const typed = text.trim().toLowerCase();
    const hit = choices.find(([label]) => label.trim().toLowerCase() === typed);
    return hit ? ok(hit[1]) : fail('error-choose-option', { options: choices.map(([l]) => l).join(' / ') });
  };
}

/** Like `oneOf`, but an answer that is none of the labels is given to `parse` (e.g. a typed code). */
export function oneOfOr<T>(choices: ReadonlyArray<readonly [string, T]>, parse: (text: string) => Result<T>) {
  const pick = oneOf(choices);
  return (text: string): Result<T> => {
    const chosen = pick(text);
    return chosen.ok ? chosen : parse(text);
  };
}
