import type { BotRec } from './bots.js';
import type { ChatRec } from './chat.js';
import { badRequest } from './errors.js';
import type { BotCommand } from './types.js';

export interface CommandScope {
  type: string;
  chat_id?: number | string;
  user_id?: number;
}

const SCOPES = [
  'default',
  'all_private_chats',
  'all_group_chats',
  'all_chat_administrators',
  'chat',
  'chat_administrators',
  'chat_member',
];

export function scopeKey(scope: CommandScope | undefined, lang: string | undefined): string {
  const s = scope ?? { type: 'default' };
  if (!SCOPES.includes(s.type)) throw badRequest('wrong parameter scope');
  if (s.type.startsWith('chat') && s.chat_id === undefined) throw badRequest('chat_id is empty');
  if (s.type === 'chat_member' && s.user_id === undefined) throw badRequest('user_id is empty');
  if (lang && !/^[a-z]{2}$/.test(lang)) throw badRequest('invalid language code specified');
  return [s.type, s.chat_id ?? '', s.user_id ?? '', lang ?? ''].join('|');
}

export function checkCommands(list: unknown): BotCommand[] {
  if (!Array.isArray(list)) throw badRequest('commands must be an Array');
  if (list.length > 100) throw badRequest('too many commands');
  for (const c of list as BotCommand[]) {
    if (typeof c?.command !== 'string' || !/^\/?[a-z0-9_]{1,32}$/.test(c.command))
      throw badRequest('BOT_COMMAND_INVALID');
    if (typeof c.description !== 'string' || c.description.trim().length < 1 || c.description.length > 256)
      throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
  }
  return (list as BotCommand[]).map((c) => ({
    command: c.command.replace(/^\//, ''),
    description: c.description,
  }));
}

/** The command list a user sees in a chat, by Telegram's scope resolution order (narrowest first, language first). */
export function visibleCommands(bot: BotRec, chat: ChatRec, userId: number, lang?: string): BotCommand[] {
  const keys: [string, string | number, string | number][] = [];
  const admin = chat.isAdmin(userId);
  if (chat.isGroup) {
    keys.push(['chat_member', chat.id, userId]);
    if (admin) keys.push(['chat_administrators', chat.id, '']);
    keys.push(['chat', chat.id, '']);
    if (admin) keys.push(['all_chat_administrators', '', '']);
    keys.push(['all_group_chats', '', '']);
  } else {
    keys.push(['chat', chat.id, ''], ['all_private_chats', '', '']);
  }
  keys.push(['default', '', '']);
  for (const [type, c, u] of keys) {
    for (const l of lang ? [lang, ''] : ['']) {
      const list = bot.commands.get([type, c, u, l].join('|'));
      if (list) return list;
    }
  }
  return [];
}
