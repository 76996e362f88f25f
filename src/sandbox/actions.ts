import type { BotRec } from './bots.js';
import { ChatRec, FULL_RIGHTS } from './chat.js';
import { post, quoted } from './delivery.js';
import { checkCaption, checkText, formatText } from './entities.js';
import { controlError } from './errors.js';
import { FileStore, mimeOf } from './files.js';
import { memberJson } from './members.js';
import type { SandboxState } from './state.js';
import { now, type TgMessage, type TgUser } from './types.js';

export interface CreateChatBody {
  type?: 'group' | 'supergroup';
  title?: string;
  username?: string;
  members?: number[];
  admins?: number[];
  creator?: number;
  bot_admin?: boolean;
  bot_token?: string;
  /** Only this bot joins (default: every bot the sandbox knows). */
  bot_id?: number;
}

/** Creates a group or supergroup with its members and the bot(s), as if the creator made it and added them. */
export function createChat(sb: SandboxState, body: CreateChatBody): ChatRec {
  const type = body.type ?? 'group';
  if (type !== 'group' && type !== 'supergroup')
    throw controlError(400, 'type must be "group" or "supergroup"');
  const admins = body.admins ?? [];
  const people = [...new Set([...(body.creator ? [body.creator] : []), ...admins, ...(body.members ?? [])])];
  for (const id of people) sb.user(id);
  const creatorId = body.creator ?? admins[0] ?? people[0];
  if (creatorId === undefined) throw controlError(400, 'a chat needs at least one member');
  const bots: BotRec[] = body.bot_token
    ? [sb.bot(body.bot_token)]
    : body.bot_id !== undefined
      ? [sb.botById(Number(body.bot_id))]
      : [...sb.bots.values()];
  const id = type === 'group' ? sb.newGroupId() : sb.newSupergroupId();
  const chat = new ChatRec({
    id,
    type,
    title: body.title ?? `Group ${-id}`,
    ...(body.username ? { username: body.username } : {}),
  });
  const creator = sb.user(creatorId).user;
  for (const uid of people) {
    const status = uid === creatorId ? 'creator' : admins.includes(uid) ? 'administrator' : 'member';
    chat.members.set(uid, {
      user: sb.user(uid).user,
      status,
      rights: status === 'administrator' ? { ...FULL_RIGHTS } : undefined,
    });
  }
  for (const bot of bots) {
    const status = body.bot_admin ? 'administrator' : 'member';
    chat.members.set(bot.id, {
      user: bot.user,
      status,
      rights: body.bot_admin ? { ...FULL_RIGHTS } : undefined,
    });
  }
  sb.groups.set(id, chat);
  post(sb, chat, {
    from: creator,
    [type === 'group' ? 'group_chat_created' : 'supergroup_chat_created']: true,
  });
  for (const bot of bots) {
    bot.enqueue('my_chat_member', {
      chat: chat.chat,
      from: creator,
      date: now(),
      old_chat_member: { user: bot.user, status: 'left' },
      new_chat_member: memberJson(chat.members.get(bot.id)!),
    });
  }
  sb.events.emit('chats', { chat_id: id });
  return chat;
}

export interface UserMessageBody {
  from: number;
  text?: string;
  caption?: string;
  photo?: string | { data: string; file_name?: string; mime_type?: string };
  document?: string | { data: string; file_name?: string; mime_type?: string };
  reply_to_message_id?: number;
}

function upload(sb: SandboxState, v: UserMessageBody['photo'], kind: 'photos' | 'documents') {
  const o = typeof v === 'string' ? { data: v } : v!;
  const name = o.file_name ?? (kind === 'photos' ? 'photo.jpg' : 'file.dat');
  return sb.files.put({ name, type: mimeOf(name, o.mime_type), data: Buffer.from(o.data, 'base64') }, kind);
}

/** A user sends a message into a chat (group, or their private chat with the bot). */
/** A user who answered the force_reply prompt no longer has a reply open to it, as in Telegram's apps. */
function answerPrompt(chat: ChatRec, repliedTo: number, userId: number): void {
  const prompt = chat.forceReply;
  if (!prompt || prompt.message_id !== repliedTo) return;
  const rest = prompt.user_ids.filter((id) => id !== userId);
  chat.forceReply = prompt.selective && rest.length ? { ...prompt, user_ids: rest } : null;
}

export function userSend(sb: SandboxState, chat: ChatRec, body: UserMessageBody): TgMessage {
  const rec = sb.user(Number(body.from));
  const user: TgUser = rec.user;
  if (chat.isGroup && chat.migratedTo)
    throw controlError(400, `chat was upgraded to supergroup ${chat.migratedTo}`);
  if (chat.isGroup && !chat.isPresent(user.id))
    throw controlError(403, `user ${user.id} is not a member of chat ${chat.id}`);
  if (!chat.isGroup && chat.id !== user.id)
    throw controlError(403, `chat ${chat.id} is the private chat of another user`);
  const fields: Record<string, unknown> = { from: user };
  if (body.photo || body.document) {
    const f = upload(sb, body.photo ?? body.document, body.photo ? 'photos' : 'documents');
    if (body.photo) fields.photo = FileStore.photoSizes(f);
    else fields.document = FileStore.document(f);
    const c = formatText(body.caption ?? '', undefined, undefined);
    checkCaption(c);
    if (c.text)
      Object.assign(fields, { caption: c.text }, c.entities.length ? { caption_entities: c.entities } : {});
  } else {
    const f = formatText(body.text ?? '', undefined, undefined);
    checkText(f);
    Object.assign(fields, { text: f.text }, f.entities.length ? { entities: f.entities } : {});
  }
  if (body.reply_to_message_id !== undefined) {
    const target = chat.get(Number(body.reply_to_message_id));
    if (!target) throw controlError(400, 'message to be replied not found');
    fields.reply_to_message = quoted(target);
    answerPrompt(chat, target.message_id, user.id);
  }
  if (chat.botId !== undefined) {
    rec.started.add(chat.botId);
    rec.blocked.delete(chat.botId);
  }
  return post(sb, chat, fields);
}
