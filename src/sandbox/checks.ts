import type { BotRec } from './bots.js';
import type { ChatRec } from './chat.js';
import { ApiError, badRequest, forbidden } from './errors.js';
import type { Params } from './params.js';
import { chatNotFound, type SandboxState } from './state.js';
import type { InlineButton, TgMessage } from './types.js';

/** The chat named by `chat_id`, with Telegram's errors for unknown, migrated and foreign chats. */
export function targetChat(sb: SandboxState, bot: BotRec, p: Params, sending = false): ChatRec {
  const raw = p.str('chat_id');
  if (raw === undefined || raw === '') throw badRequest('chat_id is empty');
  let chat: ChatRec | undefined;
  if (raw.startsWith('@')) chat = [...sb.groups.values()].find((c) => c.chat.username === raw.slice(1));
  else chat = sb.chat(p.int('chat_id')!, bot);
  if (!chat) throw chatNotFound();
  if (chat.migratedTo !== undefined)
    throw badRequest('group chat was upgraded to a supergroup chat', { migrate_to_chat_id: chat.migratedTo });
  if (chat.isGroup && !chat.isPresent(bot.id)) {
    if (chat.status(bot.id) === 'kicked') throw forbidden(`bot was kicked from the ${chat.type} chat`);
    throw forbidden(`bot is not a member of the ${chat.type} chat`);
  }
  if (sending && !chat.isGroup) {
    const user = sb.users.get(chat.id);
    if (user?.blocked.has(bot.id)) throw forbidden('bot was blocked by the user');
    if (!user?.started.has(bot.id)) throw forbidden("bot can't initiate conversation with a user");
  }
  return chat;
}

/** The message named by `message_id` in `chat`, or Telegram's "... not found" for the given action. */
export function targetMessage(chat: ChatRec, p: Params, action: string): TgMessage {
  const id = p.int('message_id');
  if (id === undefined) throw badRequest('message identifier is not specified');
  const msg = chat.get(id);
  if (!msg) throw badRequest(`message to ${action} not found`);
  return msg;
}

export function rateLimit(sb: SandboxState, bot: BotRec, chat: ChatRec): void {
  const retry = sb.limiter.take(bot.id, chat.id, chat.isGroup);
  if (retry > 0) throw new ApiError(429, `Too Many Requests: retry after ${retry}`, { retry_after: retry });
}

function checkButton(b: InlineButton): void {
  if (!b || typeof b !== 'object' || typeof b.text !== 'string')
    throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  if (b.text.trim() === '') throw badRequest('BUTTON_TEXT_INVALID');
  if (b.callback_data !== undefined) {
    const n = Buffer.byteLength(String(b.callback_data));
    if (typeof b.callback_data !== 'string' || n < 1 || n > 64) throw badRequest('BUTTON_DATA_INVALID');
  } else if (b.url !== undefined) {
    if (!/^(https?|tg):\/\/\S+$/i.test(String(b.url)))
      throw badRequest(`inline keyboard button URL '${String(b.url)}' is invalid: Wrong HTTP URL`);
  } else if (Object.keys(b).length === 1) {
    throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  }
}

/** reply_markup validated like Telegram; returns the parsed markup (or undefined). */
export function replyMarkup(p: Params): Record<string, unknown> | undefined {
  const m = p.obj<Record<string, unknown>>('reply_markup', 'reply keyboard markup JSON object');
  if (m === undefined) return undefined;
  if (typeof m !== 'object' || m === null) throw badRequest("can't parse reply keyboard markup JSON object");
  if ('inline_keyboard' in m) {
    const rows = m.inline_keyboard;
    if (!Array.isArray(rows) || rows.some((r) => !Array.isArray(r)))
      throw badRequest(
        'can\'t parse inline keyboard: field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays',
      );
    for (const row of rows as InlineButton[][]) row.forEach(checkButton);
    return { inline_keyboard: rows };
  }
  if ('keyboard' in m) {
    if (!Array.isArray(m.keyboard)) throw badRequest("can't parse reply keyboard markup JSON object");
    const keyboard = (m.keyboard as unknown[][]).map((row) =>
      row.map((b) => (typeof b === 'string' ? { text: b } : (b as InlineButton))),
    );
    return { ...m, keyboard };
  }
  if ('remove_keyboard' in m || 'force_reply' in m) return m;
  throw badRequest("can't parse reply keyboard markup JSON object");
}

/** The message to reply to: reply_parameters.message_id or legacy reply_to_message_id. */
export function replyTarget(chat: ChatRec, p: Params): TgMessage | undefined {
  const params = p.obj<{ message_id?: number; allow_sending_without_reply?: boolean; chat_id?: unknown }>(
    'reply_parameters',
  );
  const id = params?.message_id ?? p.int('reply_to_message_id');
  if (id === undefined) return undefined;
  const msg = chat.get(Number(id));
  if (!msg && !(params?.allow_sending_without_reply || p.bool('allow_sending_without_reply')))
    throw badRequest('message to be replied not found');
  return msg;
}
