import { ChatRec, FULL_RIGHTS, type Member } from './chat.js';
import { post } from './delivery.js';
import type { SandboxState } from './state.js';
import { now, type MemberStatus, type TgUser } from './types.js';

/** A ChatMember object as the Bot API returns it. */
export function memberJson(m: Member): Record<string, unknown> {
  const base = { user: m.user, status: m.status };
  switch (m.status) {
    case 'creator':
      return { ...base, is_anonymous: false };
    case 'administrator':
      return { ...base, can_be_edited: false, is_anonymous: false, ...(m.rights ?? FULL_RIGHTS) };
    case 'kicked':
      return { ...base, until_date: 0 };
    default:
      return base;
  }
}

/**
 * Sets a member's status and emits what Telegram emits: `my_chat_member` to a bot whose own status changed,
 * `chat_member` to the admin bots of the chat (if they asked for it), and join/leave service messages.
 */
export function setStatus(
  sb: SandboxState,
  chat: ChatRec,
  user: TgUser,
  status: MemberStatus,
  by: TgUser,
): void {
  const old: Member = chat.members.get(user.id) ?? { user, status: 'left' };
  const next: Member = { user, status, rights: status === 'administrator' ? { ...FULL_RIGHTS } : undefined };
  if (old.status === next.status) return;
  chat.members.set(user.id, next);
  const change = {
    chat: chat.chat,
    from: by,
    date: now(),
    old_chat_member: memberJson(old),
    new_chat_member: memberJson(next),
  };
  if (user.is_bot) sb.bots.get(user.id)?.enqueue('my_chat_member', change);
  else {
    for (const m of chat.members.values()) {
      if (m.user.is_bot && chat.isAdmin(m.user.id)) sb.bots.get(m.user.id)?.enqueue('chat_member', change);
    }
  }
  const wasIn = old.status === 'creator' || old.status === 'administrator' || old.status === 'member';
  const isIn = chat.isPresent(user.id);
  if (!wasIn && isIn) post(sb, chat, { from: by, new_chat_members: [user] });
  if (wasIn && !isIn) post(sb, chat, { from: by, left_chat_member: user });
  sb.events.emit('chats', { chat_id: chat.id });
}

export function countMembers(chat: ChatRec): number {
  return [...chat.members.keys()].filter((id) => chat.isPresent(id)).length;
}

/** Upgrades a basic group to a supergroup with a new -100… id, as Telegram does when a group grows up. */
export function migrate(sb: SandboxState, chat: ChatRec, by: TgUser): ChatRec {
  if (chat.type !== 'group' || chat.migratedTo) throw new Error('only a basic group can be upgraded');
  const id = sb.newSupergroupId();
  const next = new ChatRec({ id, type: 'supergroup', title: chat.chat.title });
  for (const [uid, m] of chat.members) next.members.set(uid, { ...m });
  sb.groups.set(id, next);
  post(sb, chat, { from: by, migrate_to_chat_id: id });
  chat.migratedTo = id;
  post(sb, next, { from: by, migrate_from_chat_id: chat.id });
  sb.events.emit('chats', { chat_id: id, migrated_from: chat.id });
  return next;
}
