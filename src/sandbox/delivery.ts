import type { BotRec } from './bots.js';
import type { ChatRec } from './chat.js';
import type { SandboxState } from './state.js';
import type { TgMessage } from './types.js';

const SERVICE = [
  'new_chat_members',
  'left_chat_member',
  'new_chat_title',
  'pinned_message',
  'migrate_to_chat_id',
  'migrate_from_chat_id',
  'group_chat_created',
  'supergroup_chat_created',
];

/** Privacy mode: in groups a bot sees commands for it, replies to it and service messages, unless admin or privacy off. */
export function botSees(bot: BotRec, chat: ChatRec, msg: TgMessage): boolean {
  if (!chat.isGroup || !bot.privacy || chat.isAdmin(bot.id)) return true;
  if (SERVICE.some((k) => k in msg)) return true;
  if (msg.reply_to_message?.from?.id === bot.id) return true;
  const text = msg.text ?? msg.caption ?? '';
  const lead = (msg.entities ?? msg.caption_entities ?? []).find(
    (e) => e.type === 'bot_command' && e.offset === 0,
  );
  if (!lead) return false;
  const target = text.slice(0, lead.length).split('@')[1];
  return target === undefined || target.toLowerCase() === bot.username.toLowerCase();
}

/** Queues a `message` / `edited_message` update for every bot in the chat that may see it. */
export function deliver(sb: SandboxState, chat: ChatRec, msg: TgMessage, type = 'message'): void {
  if (msg.from?.is_bot) return; // bots never receive messages of bots
  if (chat.botId !== undefined) {
    sb.bots.get(chat.botId)?.enqueue(type, msg);
    return;
  }
  for (const m of chat.members.values()) {
    if (!m.user.is_bot || !chat.isPresent(m.user.id)) continue;
    const bot = sb.bots.get(m.user.id);
    if (bot && botSees(bot, chat, msg)) bot.enqueue(type, msg);
  }
}

/** Stores a message in the chat, tells the page, and delivers it to the bots. */
export function post(
  sb: SandboxState,
  chat: ChatRec,
  fields: Omit<TgMessage, 'message_id' | 'chat' | 'date'>,
) {
  const msg = chat.add(fields);
  sb.events.emit('message', { chat_id: chat.id, bot_id: chat.botId ?? null, message_id: msg.message_id });
  deliver(sb, chat, msg);
  return msg;
}

/** Tells the page that a chat's history changed (edit, delete, pin, keyboard). */
export function changed(
  sb: SandboxState,
  chat: ChatRec,
  what: string,
  extra: Record<string, unknown> = {},
): void {
  sb.events.emit(what, { chat_id: chat.id, bot_id: chat.botId ?? null, ...extra });
}

/** A message as quoted inside another one (reply_to_message / pinned_message): without its own quote. */
export function quoted(msg: TgMessage): TgMessage {
  const { reply_to_message: _r, pinned_message: _p, ...rest } = msg;
  return rest;
}
