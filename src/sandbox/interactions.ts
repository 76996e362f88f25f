import { userSend } from './actions.js';
import type { ChatRec } from './chat.js';
import { changed, deliver } from './delivery.js';
import { checkText, formatText } from './entities.js';
import { controlError } from './errors.js';
import { setStatus } from './members.js';
import type { SandboxState } from './state.js';

/** A user presses an inline button with callback data: the bot gets a callback_query. */
export function press(
  sb: SandboxState,
  chat: ChatRec,
  body: { from: number; message_id: number; data: string },
) {
  const user = sb.user(Number(body.from)).user;
  const msg = chat.get(Number(body.message_id));
  if (!msg) throw controlError(404, `message ${body.message_id} not found in chat ${chat.id}`);
  if (chat.isGroup && !chat.isPresent(user.id))
    throw controlError(403, `user ${user.id} is not a member of chat ${chat.id}`);
  if (!chat.isGroup && chat.id !== user.id)
    throw controlError(403, `chat ${chat.id} is the private chat of another user`);
  const buttons = msg.reply_markup?.inline_keyboard.flat() ?? [];
  if (!buttons.some((b) => b.callback_data === body.data))
    throw controlError(
      400,
      `message ${msg.message_id} has no button with callback data ${JSON.stringify(body.data)}`,
    );
  const bot = msg.from?.is_bot ? sb.bots.get(msg.from.id) : undefined;
  if (!bot) throw controlError(400, 'the message was not sent by a bot');
  const id = sb.newCallbackId();
  sb.callbacks.set(id, {
    botId: bot.id,
    chatId: chat.id,
    messageId: msg.message_id,
    userId: user.id,
    answered: false,
  });
  const chatInstance = String(BigInt.asUintN(63, BigInt(chat.id) * 2654435761n + BigInt(bot.id)));
  bot.enqueue('callback_query', {
    id,
    from: user,
    message: msg,
    chat_instance: chatInstance,
    data: body.data,
  });
  return { callback_query_id: id };
}

/** Opens a t.me deep link: `?start=` sends /start <payload> in private, `?startgroup=` adds the bot to a group. */
export function openLink(sb: SandboxState, body: { from: number; url: string; chat_id?: number }) {
  const rec = sb.user(Number(body.from));
  let u: URL;
  try {
    u = new URL(body.url);
  } catch {
    throw controlError(400, `not a URL: ${body.url}`);
  }
  const name = u.protocol === 'tg:' ? u.searchParams.get('domain') : u.pathname.slice(1).split('/')[0];
  if (!['t.me', 'telegram.me', 'resolve'].includes(u.hostname) || !name)
    throw controlError(400, `not a t.me link: ${body.url}`);
  const bot = [...sb.bots.values()].find((b) => b.username.toLowerCase() === name.toLowerCase());
  if (!bot) throw controlError(404, `no bot @${name} in the sandbox`);
  const group = u.searchParams.get('startgroup');
  if (group !== null) {
    if (body.chat_id === undefined)
      throw controlError(400, 'startgroup links need chat_id (the group to add the bot to)');
    const chat = sb.controlChat(Number(body.chat_id));
    if (!chat.isPresent(bot.id)) setStatus(sb, chat, bot.user, 'member', rec.user);
    const text = `/start@${bot.username}${group ? ` ${group}` : ''}`;
    return { chat: chat.chat, message: userSend(sb, chat, { from: rec.user.id, text }) };
  }
  const chat = sb.privateChat(rec.user.id, bot)!;
  const payload = u.searchParams.get('start');
  const message = userSend(sb, chat, { from: rec.user.id, text: payload ? `/start ${payload}` : '/start' });
  return { chat: chat.chat, message };
}

/** A user edits the text of their own message: the bots that saw it get an `edited_message`. */
export function userEdit(
  sb: SandboxState,
  chat: ChatRec,
  messageId: number,
  body: { from: number; text: string },
) {
  const user = sb.user(Number(body.from)).user;
  const msg = chat.get(messageId);
  if (!msg) throw controlError(404, `message ${messageId} not found in chat ${chat.id}`);
  if (msg.from?.id !== user.id || msg.text === undefined) throw controlError(400, "message can't be edited");
  const f = formatText(String(body.text ?? ''), undefined, undefined);
  checkText(f);
  const next = { ...msg, text: f.text, edit_date: Math.floor(Date.now() / 1000) };
  if (f.entities.length) next.entities = f.entities;
  else delete next.entities;
  chat.messages.set(messageId, next);
  changed(sb, chat, 'edit', { message_id: messageId });
  deliver(sb, chat, next, 'edited_message');
  return next;
}
