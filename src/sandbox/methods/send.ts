import type { ChatRec, ForceReplyPrompt } from '../chat.js';
import type { SandboxState } from '../state.js';
import { rateLimit, replyMarkup, replyTarget, targetChat } from '../checks.js';
import { changed, post, quoted } from '../delivery.js';
import { formatText, type Formatted } from '../entities.js';
import type { InlineKeyboard, TgEntity, TgMessage } from '../types.js';
import type { MethodCtx } from './context.js';

/** text/caption + parse_mode + entities of a request, formatted. */
export function formatted(ctx: MethodCtx, field: 'text' | 'caption'): Formatted {
  const { p } = ctx;
  const entities = p.obj<TgEntity[]>(field === 'text' ? 'entities' : 'caption_entities');
  return formatText(p.str(field) ?? '', p.str('parse_mode'), entities);
}

/**
 * Everything message-sending methods share: target chat checks, reply target, reply_markup, rate limit, then post.
 * `content` builds the message body after the cheap checks passed.
 */
export function sendMessageLike(
  ctx: MethodCtx,
  content: (chat: ChatRec) => Omit<TgMessage, 'message_id' | 'chat' | 'date'>,
): TgMessage {
  const { sb, bot, p } = ctx;
  const chat = targetChat(sb, bot, p, true);
  const fields = content(chat);
  const reply = replyTarget(chat, p);
  const markup = replyMarkup(p);
  rateLimit(sb, bot, chat);
  if (reply) fields.reply_to_message = quoted(reply);
  if (markup && 'inline_keyboard' in markup) fields.reply_markup = markup as unknown as InlineKeyboard;
  else if (markup && 'keyboard' in markup) chat.replyKeyboard = markup;
  else if (markup && 'remove_keyboard' in markup) chat.replyKeyboard = null;
  const msg = post(sb, chat, { from: bot.user, ...fields });
  if (markup && 'force_reply' in markup) chat.forceReply = forceReplyOf(sb, msg, markup.selective === true);
  if (markup && !('inline_keyboard' in markup)) changed(sb, chat, 'keyboard');
  return msg;
}

/**
 * A force_reply prompt, as a Telegram client shows it: to everyone, or (selective) only to users
 * @mentioned in the text and the author of the message it replies to.
 */
function forceReplyOf(sb: SandboxState, msg: TgMessage, selective: boolean): ForceReplyPrompt {
  const userIds: number[] = [];
  if (selective) {
    const text = msg.text ?? msg.caption ?? '';
    for (const e of msg.entities ?? msg.caption_entities ?? []) {
      if (e.type === 'text_mention' && e.user) userIds.push(e.user.id);
      if (e.type === 'mention') {
        const name = text.slice(e.offset + 1, e.offset + e.length).toLowerCase();
        const u = [...sb.users.values()].find((r) => r.user.username?.toLowerCase() === name);
        if (u) userIds.push(u.user.id);
      }
    }
    const author = msg.reply_to_message?.from;
    if (author && !author.is_bot) userIds.push(author.id);
  }
  return { message_id: msg.message_id, selective, user_ids: userIds };
}

/** Only present fields: Telegram omits empty arrays like `entities: []`. */
export function withEntities(key: 'entities' | 'caption_entities', f: Formatted): Record<string, unknown> {
  return f.entities.length ? { [key]: f.entities } : {};
}
