import { rateLimit, replyMarkup, targetChat, targetMessage } from '../checks.js';
import { changed } from '../delivery.js';
import { checkCaption, checkText } from '../entities.js';
import { badRequest, NOT_MODIFIED } from '../errors.js';
import { now, type InlineKeyboard, type TgMessage } from '../types.js';
import type { Method, MethodCtx } from './context.js';
import { formatted, sendMessageLike, withEntities } from './send.js';

const ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);

/** Shared part of the edit methods: find the bot's own message, apply `patch`, refuse a no-op like Telegram. */
function edit(ctx: MethodCtx, patch: (msg: TgMessage) => Partial<TgMessage>): TgMessage {
  const { sb, bot, p } = ctx;
  if (p.has('inline_message_id') && !p.has('chat_id')) throw badRequest('MESSAGE_ID_INVALID');
  const chat = targetChat(sb, bot, p);
  const msg = targetMessage(chat, p, 'edit');
  if (msg.from?.id !== bot.id) throw badRequest("message can't be edited");
  const markup = replyMarkup(p);
  if (markup && !('inline_keyboard' in markup)) throw badRequest('inline keyboard expected');
  const next: TgMessage = { ...msg, ...patch(msg) };
  if (markup) next.reply_markup = markup as unknown as InlineKeyboard;
  else delete next.reply_markup;
  for (const k of ['entities', 'caption_entities'] as const) if (next[k] === undefined) delete next[k];
  const same = (k: keyof TgMessage) => JSON.stringify(msg[k]) === JSON.stringify(next[k]);
  if (['text', 'entities', 'caption', 'caption_entities', 'reply_markup'].every((k) => same(k)))
    throw badRequest(NOT_MODIFIED);
  rateLimit(sb, bot, chat);
  next.edit_date = now();
  chat.messages.set(msg.message_id, next);
  changed(sb, chat, 'edit', { message_id: msg.message_id });
  return next;
}

export const messageMethods: Record<string, Method> = {
  sendMessage: (ctx) =>
    sendMessageLike(ctx, () => {
      const f = formatted(ctx, 'text');
      checkText(f);
      return { text: f.text, ...withEntities('entities', f) };
    }),

  editMessageText: (ctx) =>
    edit(ctx, (msg) => {
      if (msg.text === undefined) throw badRequest('there is no text in the message to edit');
      const f = formatted(ctx, 'text');
      checkText(f);
      return { text: f.text, entities: f.entities.length ? f.entities : undefined };
    }),

  editMessageCaption: (ctx) =>
    edit(ctx, (msg) => {
      if (msg.text !== undefined) throw badRequest('there is no caption in the message to edit');
      const f = formatted(ctx, 'caption');
      checkCaption(f);
      return { caption: f.text || undefined, caption_entities: f.entities.length ? f.entities : undefined };
    }),

  editMessageReplyMarkup: (ctx) => edit(ctx, () => ({})),

  deleteMessage: ({ sb, bot, p }) => {
    const chat = targetChat(sb, bot, p);
    const msg = targetMessage(chat, p, 'delete');
    const own = msg.from?.id === bot.id;
    if (chat.isGroup && !own && !chat.can(bot.id, 'can_delete_messages'))
      throw badRequest("message can't be deleted");
    chat.remove(msg.message_id);
    changed(sb, chat, 'delete', { message_id: msg.message_id });
    return true;
  },

  deleteMessages: ({ sb, bot, p }) => {
    const chat = targetChat(sb, bot, p);
    const ids = p.obj<number[]>('message_ids') ?? [];
    if (!Array.isArray(ids) || ids.length < 1 || ids.length > 100) throw badRequest('message_ids is empty');
    for (const id of ids) if (chat.get(id)) chat.remove(id);
    changed(sb, chat, 'delete', { message_ids: ids });
    return true;
  },

  sendChatAction: ({ sb, bot, p }) => {
    const chat = targetChat(sb, bot, p, true);
    const action = p.str('action') ?? '';
    if (!ACTIONS.has(action)) throw badRequest('wrong parameter action in request');
    changed(sb, chat, 'action', { action, from: bot.id });
    return true;
  },
};
