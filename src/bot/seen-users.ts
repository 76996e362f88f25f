import type { MiddlewareFn } from 'grammy';
import type { Logger } from 'pino';
import type { UserService } from '../services/user-service.js';
import type { BotContext } from './context.js';

const TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 50_000;

/**
 * Records every person the bot sees, in any chat (a group message, a button press, a private
 * message): name, username and the language of their Telegram client as last seen. The reader
 * language rule needs that language for people the bot has only seen in a group. A write happens
 * only when something changed since this process last wrote it, or after TTL_MS (another process
 * may have written a newer value meanwhile), so a busy group costs no write per message.
 */
export function seenUsers(users: UserService, log: Logger): MiddlewareFn<BotContext> {
  const written = new Map<number, { sig: string; at: number }>();
  return async (ctx, next) => {
    const from = ctx.from;
    if (from && !from.is_bot) {
      const sig = `${from.first_name}\u0000${from.username ?? ''}\u0000${from.language_code ?? ''}`;
      const last = written.get(from.id);
      const now = Date.now();
      if (last?.sig !== sig || now - last.at > TTL_MS) {
        if (written.size >= MAX_ENTRIES) written.clear();
        try {
          await users.remember(from);
          written.set(from.id, { sig, at: now });
        } catch (err) {
          // Not worth failing the update for: the next update from this person tries again.
          log.warn({ err, userId: from.id }, 'could not record the user as seen');
        }
      }
    }
    await next();
  };
}
