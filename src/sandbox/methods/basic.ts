import { checkCommands, scopeKey, type CommandScope } from '../commands.js';
import { ApiError, badRequest } from '../errors.js';
import { checkWebhook } from '../webhook.js';
import type { Method, MethodCtx } from './context.js';

function commandsKey({ p }: MethodCtx): string {
  return scopeKey(p.obj<CommandScope>('scope'), p.str('language_code'));
}

/** A bot-level text setting (description, short description, name) stored per language. */
const textSetting = (field: string, max: number): [Method, Method] => [
  ({ bot, p }) => {
    const v = p.str(field) ?? '';
    if (v.length > max) throw badRequest(`${field.toUpperCase()}_INVALID`);
    bot.texts.set(`${field}|${p.str('language_code') ?? ''}`, v);
    return true;
  },
  ({ bot, p }) => {
    const lang = p.str('language_code') ?? '';
    return {
      [field]:
        bot.texts.get(`${field}|${lang}`) ??
        bot.texts.get(`${field}|`) ??
        (field === 'name' ? bot.user.first_name : ''),
    };
  },
];

const [setMyDescription, getMyDescription] = textSetting('description', 512);
const [setMyShortDescription, getMyShortDescription] = textSetting('short_description', 120);
const [setMyName, getMyName] = textSetting('name', 64);

export const basicMethods: Record<string, Method> = {
  getMe: ({ bot }) => bot.me(),
  logOut: () => true,
  close: () => true,

  getUpdates: ({ bot, p, signal }) => {
    const allowed = p.obj<string[]>('allowed_updates');
    if (allowed !== undefined) {
      if (!Array.isArray(allowed)) throw badRequest("can't parse allowed updates");
      bot.allowedUpdates = allowed.map(String);
    }
    if (bot.webhook)
      throw new ApiError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    const limit = Math.min(100, Math.max(1, p.int('limit') ?? 100));
    const timeout = Math.min(50, Math.max(0, p.int('timeout') ?? 0));
    return bot.poll(p.int('offset'), limit, timeout, signal);
  },

  setWebhook: ({ bot, p }) => {
    const url = p.str('url') ?? '';
    const allowed = p.obj<string[]>('allowed_updates');
    if (allowed !== undefined && !Array.isArray(allowed)) throw badRequest("can't parse allowed updates");
    const config = url ? checkWebhook(url, p.str('secret_token'), p.int('max_connections')) : null;
    if (allowed !== undefined) bot.allowedUpdates = allowed.map(String);
    if (p.bool('drop_pending_updates')) bot.dropPending();
    if (config) bot.setWebhook(config);
    else bot.deleteWebhook();
    return true;
  },
  deleteWebhook: ({ bot, p }) => {
    bot.deleteWebhook();
    if (p.bool('drop_pending_updates')) bot.dropPending();
    return true;
  },
  getWebhookInfo: ({ bot }) => {
    const hook = bot.webhook;
    return {
      url: hook?.config.url ?? '',
      has_custom_certificate: false,
      pending_update_count: bot.pending(),
      ...(hook ? { max_connections: hook.config.maxConnections } : {}),
      ...(hook?.lastError
        ? { last_error_date: hook.lastError.date, last_error_message: hook.lastError.message }
        : {}),
      ...(bot.allowedUpdates.length ? { allowed_updates: bot.allowedUpdates } : {}),
    };
  },

  setMyCommands: (ctx) => {
    const list = checkCommands(ctx.p.obj('commands'));
    if (list.length) ctx.bot.commands.set(commandsKey(ctx), list);
    else ctx.bot.commands.delete(commandsKey(ctx));
    ctx.sb.events.emit('commands', { bot_id: ctx.bot.id });
    return true;
  },
  getMyCommands: (ctx) => ctx.bot.commands.get(commandsKey(ctx)) ?? [],
  deleteMyCommands: (ctx) => {
    ctx.bot.commands.delete(commandsKey(ctx));
    ctx.sb.events.emit('commands', { bot_id: ctx.bot.id });
    return true;
  },

  setMyDescription,
  getMyDescription,
  setMyShortDescription,
  getMyShortDescription,
  setMyName,
  getMyName,
  setChatMenuButton: () => true,
  getChatMenuButton: () => ({ type: 'commands' }),
  setMyDefaultAdministratorRights: () => true,
  getMyDefaultAdministratorRights: () => ({
    is_anonymous: false,
    can_manage_chat: false,
    can_delete_messages: false,
    can_manage_video_chats: false,
    can_restrict_members: false,
    can_promote_members: false,
    can_change_info: false,
    can_invite_users: false,
    can_post_stories: false,
    can_edit_stories: false,
    can_delete_stories: false,
  }),
};
