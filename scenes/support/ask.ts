import type { Conversation } from '@grammyjs/conversations';
import type {
  ForceReply,
  InlineKeyboardMarkup,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
} from 'grammy/types';
import { DomainError, type Result } from '../../src/domain/errors.js';
import type { BotContext, DialogContext } from '../../src/context.js';
import { DEFAULT_IDLE_MINUTES, dialogKey, noteIdle } from './idle.js';

export type Dialog = Conversation<BotContext, DialogContext>;

export interface AskOptions<T> {
  /** i18n key of the question. */
  prompt: string;
  params?: Record<string, string | number>;
  /** Checks the answer; a failed result is shown and the question asked again. */
  validate: (text: string, now: number) => Result<T>;
  keyboard?: InlineKeyboardMarkup | ReplyKeyboardMarkup;
  idleMinutes?: number;
}

/**
 * Asks one question and waits for this user's text answer. In a group the question is a
 * forced reply, so the answer reaches the bot in privacy mode. Another command leaves the dialog
 * and runs; an answer after `idleMinutes` ends the dialog with a note; an invalid answer is
 * explained and the question asked again, so nothing typed is lost to a validation error.
 */
export async function ask<T>(dialog: Dialog, ctx: DialogContext, opts: AskOptions<T>): Promise<T> {
  const userId = ctx.from!.id;
  const inGroup = ctx.chat?.type !== 'private';
  // Every question sets its keyboard or removes the one a previous question left.
  const markup: ForceReply | InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove =
    opts.keyboard ?? (inGroup ? { force_reply: true, selective: true } : { remove_keyboard: true });
  // Started from a button in a group there is no message to reply to: name the user with a
  // mention instead, so the selective forced reply shows for them (and only them).
  const name = inGroup && !ctx.message && !opts.keyboard ? ctx.from!.first_name : '';
  const prompt = ctx.t(opts.prompt, opts.params);
  // The name leads the text, so the mention's offset 0 holds in both languages.
  await ctx.reply(name ? ctx.t('addressed-to', { name, text: prompt }) : prompt, {
    reply_markup: markup,
    ...(name
      ? { entities: [{ type: 'text_mention' as const, offset: 0, length: name.length, user: ctx.from! }] }
      : {}),
    // Reply to the user's own command (not to a pressed button's message), so the forced reply is theirs.
    ...(inGroup && ctx.message
      ? { reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true } }
      : {}),
  });
  const idleMinutes = opts.idleMinutes ?? DEFAULT_IDLE_MINUTES;
  for (;;) {
    noteIdle(dialogKey(ctx.chat!.id, userId), idleMinutes);
    const askedAt = await dialog.now();
    const answer = await waitForAnswer(dialog, userId);
    const answeredAt = await dialog.now();
    if (answeredAt - askedAt > idleMinutes * 60_000) {
      await answer.reply(answer.t('dialog-expired', { minutes: idleMinutes }), {
        reply_markup: inGroup ? undefined : { remove_keyboard: true },
      });
      await dialog.halt();
    }
    const text = answer.message.text ?? answer.message.caption;
    if (text === undefined) {
      await answer.reply(answer.t('error-unsupported-message'));
      continue;
    }
    // /cancel ends the dialog here; any other command ends it and then runs as usual.
    if (/^\/cancel(@\w+)?(\s|$)/.test(text)) {
      await answer.reply(answer.t('dialog-cancelled'), { reply_markup: { remove_keyboard: true } });
      await dialog.halt();
    }
    if (text.startsWith('/')) await leaveForCommand(dialog, answer, Boolean(opts.keyboard));
    const result = opts.validate(text, answeredAt);
    if (result.ok) return result.value;
    await answer.reply(describeError(answer, result.error), {
      reply_markup: inGroup ? { force_reply: true, selective: true } : opts.keyboard,
      reply_parameters: { message_id: answer.message.message_id, allow_sending_without_reply: true },
    });
  }
}

/**
 * The next message of this user. Anything else (a button pressed meanwhile, an edit) goes on to the
 * bot's features, so every press is answered and the dialog keeps waiting.
 */
export function waitForAnswer(dialog: Dialog, userId: number) {
  return dialog
    .waitFor('message', { next: true })
    .andFrom(userId, { next: true })
    .unless((ctx) => isServiceMessage(ctx.message), { next: true });
}

/** Service messages a person "sends" by acting on the chat; never an answer to a question. */
const SERVICE_FIELDS = [
  'migrate_to_chat_id',
  'migrate_from_chat_id',
  'new_chat_members',
  'left_chat_member',
  'new_chat_title',
  'new_chat_photo',
  'delete_chat_photo',
  'group_chat_created',
  'supergroup_chat_created',
  'pinned_message',
  'message_auto_delete_timer_changed',
] as const;

/**
 * True for a service message (the group upgraded, someone joined, a pin...): it goes on to the
 * bot's features instead of being taken as the answer (the upgrade message used to be answered
 * "unsupported" into the old, upgraded chat, which Telegram refuses).
 */
export function isServiceMessage(m: object | undefined): boolean {
  return !!m && SERVICE_FIELDS.some((f) => f in m);
}

/** Another command ends the dialog (removing the keyboard it showed in private) and then runs. */
export async function leaveForCommand(dialog: Dialog, answer: DialogContext, keyboardShown: boolean) {
  if (keyboardShown && answer.chat?.type === 'private')
    await answer.reply(answer.t('dialog-left'), { reply_markup: { remove_keyboard: true } });
  return dialog.halt({ next: true });
}

function describeError(ctx: DialogContext, err: DomainError): string {
  return ctx.t(err.key, { ...err.params });
}
