import { createChat, userSend, type CreateChatBody, type UserMessageBody } from './actions.js';
import { visibleCommands } from './commands.js';
import { controlError } from './errors.js';
import { openLink, press, userEdit } from './interactions.js';
import { migrate, setStatus } from './members.js';
import type { SandboxState } from './state.js';
import type { MemberStatus } from './types.js';
import { chatSummary, historyOf, listChats, membersOf } from './views.js';

export type Body = Record<string, unknown>;
type Handler = (sb: SandboxState, m: string[], body: Body, q: URLSearchParams) => unknown;

const num = (v: unknown): number | undefined =>
  v === undefined || v === null || v === '' ? undefined : Number(v);
const botOf = (q: URLSearchParams, body: Body) => num(body.bot_id ?? q.get('bot_id') ?? undefined);

const ACTIONS: Record<string, MemberStatus> = {
  join: 'member',
  add: 'member',
  leave: 'left',
  kick: 'kicked',
  ban: 'kicked',
  promote: 'administrator',
  demote: 'member',
};

/** [method, path pattern, handler]; the first match wins. */
export const ROUTES: [string, RegExp, Handler][] = [
  ['POST', /^\/bots$/, (sb, _m, b) => botView(sb, b.token, b)],
  ['GET', /^\/bots$/, (sb) => [...sb.bots.values()].map((bot) => ({ ...bot.user, privacy: bot.privacy }))],
  ['POST', /^\/bots\/(\d+)$/, (sb, m, b) => botView(sb, sb.botById(Number(m[1])).token, b)],
  [
    // Telegram sends an unconfirmed update again: { update_id } or the update of { chat_id, message_id }.
    'POST',
    /^\/bots\/(\d+)\/redeliver$/,
    (sb, m, b) => {
      const bot = sb.botById(Number(m[1]));
      const id =
        num(b.update_id) ??
        (num(b.chat_id) !== undefined && num(b.message_id) !== undefined
          ? bot.updateOfMessage(num(b.chat_id)!, num(b.message_id)!)
          : undefined);
      if (id === undefined) throw controlError(404, 'no such update');
      if (!bot.redeliver(id)) throw controlError(409, `update ${id} is pending or too old to send again`);
      return { update_id: id };
    },
  ],
  [
    'POST',
    /^\/users$/,
    (sb, _m, b) => {
      if (typeof b.first_name !== 'string' || !b.first_name)
        throw controlError(400, 'first_name is required');
      const { first_name, last_name, username, language_code } = b as Record<string, string | undefined>;
      return sb.createUser({
        first_name: first_name!,
        ...(last_name && { last_name }),
        ...(username && { username }),
        ...(language_code && { language_code }),
      });
    },
  ],
  ['GET', /^\/users$/, (sb) => [...sb.users.values()].map((u) => u.user)],
  [
    'POST',
    /^\/users\/(\d+)\/block$/,
    (sb, m, b, q) => {
      const rec = sb.user(Number(m[1]));
      const bot = sb.botById(botOf(q, b));
      if (b.blocked === false) rec.blocked.delete(bot.id);
      else rec.blocked.add(bot.id);
      return { blocked: rec.blocked.has(bot.id) };
    },
  ],
  ['POST', /^\/chats$/, (sb, _m, b) => chatSummary(sb, createChat(sb, b as CreateChatBody))],
  ['GET', /^\/chats$/, (sb, _m, _b, q) => listChats(sb, num(q.get('user_id') ?? undefined))],
  ['GET', /^\/chats\/(-?\d+)$/, (sb, m, b, q) => chatSummary(sb, sb.controlChat(Number(m[1]), botOf(q, b)))],
  [
    'GET',
    /^\/chats\/(-?\d+)\/messages$/,
    (sb, m, b, q) => historyOf(sb, sb.controlChat(Number(m[1]), botOf(q, b))),
  ],
  [
    'POST',
    /^\/chats\/(-?\d+)\/messages$/,
    (sb, m, b, q) => userSend(sb, sb.controlChat(Number(m[1]), botOf(q, b)), b as unknown as UserMessageBody),
  ],
  [
    'POST',
    /^\/chats\/(-?\d+)\/messages\/(\d+)$/,
    (sb, m, b, q) =>
      userEdit(
        sb,
        sb.controlChat(Number(m[1]), botOf(q, b)),
        Number(m[2]),
        b as { from: number; text: string },
      ),
  ],
  ['GET', /^\/chats\/(-?\d+)\/members$/, (sb, m) => membersOf(sb.controlChat(Number(m[1])))],
  [
    'POST',
    /^\/chats\/(-?\d+)\/members$/,
    (sb, m, b) => {
      const chat = sb.controlChat(Number(m[1]));
      if (!chat.isGroup) throw controlError(400, 'members of private chats cannot change');
      const status = ACTIONS[String(b.action)];
      if (!status) throw controlError(400, `action must be one of ${Object.keys(ACTIONS).join(', ')}`);
      const user = sb.person(Number(b.user_id));
      if (!user) throw controlError(404, `user ${String(b.user_id)} not found`);
      const creator = [...chat.members.values()].find((x) => x.status === 'creator')?.user ?? user;
      const by =
        b.by !== undefined
          ? (sb.person(Number(b.by)) ?? creator)
          : status === 'member' || status === 'left'
            ? user
            : creator;
      if (b.action === 'demote' && !chat.isAdmin(user.id))
        throw controlError(400, 'user is not an administrator');
      if (b.action === 'promote' && !chat.isPresent(user.id)) throw controlError(400, 'user is not a member');
      setStatus(sb, chat, user, status, b.action === 'add' && b.by === undefined ? creator : by);
      return membersOf(chat);
    },
  ],
  [
    'POST',
    /^\/chats\/(-?\d+)\/migrate$/,
    (sb, m, b) => {
      const chat = sb.controlChat(Number(m[1]));
      if (chat.type !== 'group' || chat.migratedTo)
        throw controlError(400, 'only a basic group can be upgraded');
      const creator = [...chat.members.values()].find((x) => x.status === 'creator')!.user;
      const by = b.by !== undefined ? sb.user(Number(b.by)).user : creator;
      return chatSummary(sb, migrate(sb, chat, by));
    },
  ],
  [
    'GET',
    /^\/chats\/(-?\d+)\/commands$/,
    (sb, m, b, q) => {
      const bot = sb.botById(botOf(q, b));
      const chat = sb.controlChat(Number(m[1]), bot.id);
      const user = sb.user(Number(q.get('user_id') ?? chat.id));
      return visibleCommands(
        bot,
        chat,
        user.user.id,
        (q.get('language_code') ?? user.user.language_code)?.slice(0, 2),
      );
    },
  ],
  [
    'POST',
    /^\/callback$/,
    (sb, _m, b) =>
      press(
        sb,
        sb.controlChat(Number(b.chat_id), num(b.bot_id)),
        b as { from: number; message_id: number; data: string },
      ),
  ],
  [
    'POST',
    /^\/start-link$/,
    (sb, _m, b) => openLink(sb, b as { from: number; url: string; chat_id?: number }),
  ],
  ['GET', /^\/transcript$/, (sb) => sb.transcript.toJSON()],
  [
    'POST',
    /^\/reset$/,
    (sb) => {
      sb.reset();
      return { ok: true };
    },
  ],
];

function botView(sb: SandboxState, token: unknown, b: Body) {
  const bot = sb.bot(String(token ?? ''));
  if (typeof b.privacy === 'boolean') bot.privacy = b.privacy;
  if (typeof b.first_name === 'string' && b.first_name.trim()) bot.user.first_name = b.first_name.trim();
  return { ...bot.user, privacy: bot.privacy };
}
