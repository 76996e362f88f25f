import type { ChatRec } from './chat.js';
import { countMembers } from './members.js';
import type { SandboxState } from './state.js';
import type { TgMessage } from './types.js';

/** A one-line preview of a message for the chat list. */
function preview(m: TgMessage | undefined): string {
  if (!m) return '';
  if (m.text) return m.text.slice(0, 80);
  if (m.photo) return `[图片] ${m.caption ?? ''}`;
  if (m.document) return `[文件] ${(m.document as { file_name?: string }).file_name ?? ''}`;
  if (Array.isArray(m.new_chat_members)) {
    const users = m.new_chat_members as { id: number; first_name: string }[];
    return users.some((u) => u.id === m.from?.id)
      ? '加入了群组'
      : `邀请了 ${users.map((u) => u.first_name).join('、')}`;
  }
  if (m.left_chat_member) return '离开了群组';
  if (m.pinned_message) return '置顶了消息';
  return '服务消息';
}

export function membersOf(chat: ChatRec) {
  return [...chat.members.values()]
    .filter((m) => chat.isPresent(m.user.id) || m.status === 'kicked')
    .map((m) => ({ user: m.user, status: m.status }));
}

export function chatSummary(sb: SandboxState, chat: ChatRec) {
  const last = [...chat.messages.values()].at(-1);
  const bot = chat.botId !== undefined ? sb.bots.get(chat.botId)?.user : undefined;
  return {
    ...chat.chat,
    ...(bot ? { bot_id: bot.id, bot } : {}),
    ...(chat.migratedTo ? { migrated_to: chat.migratedTo } : {}),
    member_count: countMembers(chat),
    members: membersOf(chat),
    last_message: last
      ? { message_id: last.message_id, date: last.date, from: last.from, preview: preview(last) }
      : null,
  };
}

/** The chat as its users see it: live messages (edits applied), keyboards, pins, callback answers. */
export function historyOf(sb: SandboxState, chat: ChatRec) {
  return {
    chat: chatSummary(sb, chat),
    messages: chat.history(),
    pinned_message_id: chat.pinned.at(-1) ?? null,
    pinned_message_ids: chat.pinned,
    reply_keyboard: chat.replyKeyboard,
    force_reply: chat.forceReply && chat.get(chat.forceReply.message_id) ? chat.forceReply : null,
    callback_answers: chat.answers,
  };
}

/** Groups (for `userId`: those the user is in, or was in) and private chats with every bot. */
export function listChats(sb: SandboxState, userId?: number) {
  const groups = [...sb.groups.values()].filter((c) => userId === undefined || c.members.has(userId));
  const privates: ChatRec[] = [];
  if (userId !== undefined && sb.users.has(userId)) {
    for (const bot of sb.bots.values()) privates.push(sb.privateChat(userId, bot)!);
  } else privates.push(...sb.privates.values());
  return [...groups, ...privates].map((c) => {
    const s = chatSummary(sb, c);
    const started = c.botId !== undefined && sb.users.get(c.id)?.started.has(c.botId);
    return c.botId !== undefined ? { ...s, started: !!started } : s;
  });
}
