import { targetChat, targetMessage } from '../checks.js';
import { changed, post, quoted } from '../delivery.js';
import { badRequest } from '../errors.js';
import { countMembers, memberJson, setStatus } from '../members.js';
import { chatNotFound } from '../state.js';
import type { Method, MethodCtx } from './context.js';

function pinRights({ sb, bot, p }: MethodCtx) {
  const chat = targetChat(sb, bot, p);
  if (chat.isGroup && !chat.can(bot.id, 'can_pin_messages'))
    throw badRequest('not enough rights to manage pinned messages in the chat');
  return chat;
}

export const chatMethods: Record<string, Method> = {
  getChat: ({ sb, bot, p }) => {
    const chat = targetChat(sb, bot, p);
    const pinned = chat.pinned.at(-1);
    const pinnedMessage = pinned === undefined ? undefined : chat.get(pinned);
    return {
      ...chat.chat,
      accent_color_id: Math.abs(chat.id) % 7,
      max_reaction_count: 11,
      accepted_gift_types: {
        unlimited_gifts: false,
        limited_gifts: false,
        unique_gifts: false,
        premium_subscription: false,
      },
      ...(chat.isGroup
        ? {
            permissions: {
              can_send_messages: true,
              can_send_photos: true,
              can_send_documents: true,
              can_pin_messages: false,
            },
          }
        : {}),
      ...(pinnedMessage ? { pinned_message: quoted(pinnedMessage) } : {}),
    };
  },

  getChatMember: ({ sb, bot, p }) => {
    const chat = targetChat(sb, bot, p);
    const userId = p.int('user_id');
    const user = userId === undefined ? undefined : sb.person(userId);
    if (!user) throw badRequest('user not found');
    return memberJson(chat.members.get(user.id) ?? { user, status: 'left' });
  },

  getChatAdministrators: ({ sb, bot, p }) => {
    const chat = targetChat(sb, bot, p);
    if (!chat.isGroup) throw badRequest('there are no administrators in the private chat');
    return [...chat.members.values()].filter((m) => chat.isAdmin(m.user.id)).map(memberJson);
  },

  getChatMemberCount: ({ sb, bot, p }) => countMembers(targetChat(sb, bot, p)),
  getChatMembersCount: ({ sb, bot, p }) => countMembers(targetChat(sb, bot, p)),

  pinChatMessage: (ctx) => {
    const chat = pinRights(ctx);
    const msg = targetMessage(chat, ctx.p, 'pin');
    chat.pinned = [...chat.pinned.filter((id) => id !== msg.message_id), msg.message_id];
    if (chat.isGroup && !ctx.p.bool('disable_notification'))
      post(ctx.sb, chat, { from: ctx.bot.user, pinned_message: quoted(msg) });
    changed(ctx.sb, chat, 'pin', { message_id: msg.message_id });
    return true;
  },

  unpinChatMessage: (ctx) => {
    const chat = pinRights(ctx);
    const id = ctx.p.int('message_id') ?? chat.pinned.at(-1);
    if (id === undefined || !chat.pinned.includes(id)) throw badRequest('message to unpin not found');
    chat.pinned = chat.pinned.filter((p) => p !== id);
    changed(ctx.sb, chat, 'pin', { message_id: id });
    return true;
  },

  unpinAllChatMessages: (ctx) => {
    const chat = pinRights(ctx);
    chat.pinned = [];
    changed(ctx.sb, chat, 'pin', {});
    return true;
  },

  leaveChat: ({ sb, bot, p }) => {
    const chat = targetChat(sb, bot, p);
    if (!chat.isGroup) throw badRequest("chat member status can't be changed in private chats");
    setStatus(sb, chat, bot.user, 'left', bot.user);
    return true;
  },

  answerCallbackQuery: ({ sb, bot, p }) => {
    const id = p.str('callback_query_id') ?? '';
    const pending = sb.callbacks.get(id);
    if (!pending || pending.botId !== bot.id || pending.answered)
      throw badRequest('query is too old and response timeout expired or query ID is invalid');
    const text = p.str('text');
    if (text && text.length > 200) throw badRequest('MESSAGE_TOO_LONG');
    pending.answered = true;
    const chat = sb.groups.get(pending.chatId) ?? sb.privateChat(pending.chatId, bot);
    if (!chat) throw chatNotFound();
    const answer = {
      callback_query_id: id,
      message_id: pending.messageId,
      user_id: pending.userId,
      text,
      show_alert: p.bool('show_alert'),
      url: p.str('url'),
      date: Math.floor(Date.now() / 1000),
    };
    chat.answers = [...chat.answers.slice(-49), answer];
    changed(sb, chat, 'toast', answer);
    return true;
  },
};
