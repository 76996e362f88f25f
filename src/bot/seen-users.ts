import type { MiddlewareFn } from 'grammy';
import type { Logger } from 'pino';
import type { UserService } from '../services/user-service.js';
import type { BotContext } from '../context.js';

const TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 50_000;

/**
 * Records every person the bot sees in a group (a message, a button press): name, username and the
 * language of their Telegram client as last seen. The reader language rule needs that language for
 * people the bot has only seen in a group. Private chats are not recorded here: that is where
 * anonymous feedback and ballots are written, and a record created or changed while someone writes
 * one could be lined up with it (README, "Anonymity"); a private reply uses the update's own
 * language, and `/start` (other than an anonymous link) records the person. A write happens
 * only when something changed since this process last wrote it, or after TTL_MS (another process
 * may have written a newer value meanwhile), so a busy group costs no write per message.
 */
export function seenUsers(users: UserService, log: Logger): MiddlewareFn<BotContext> {
  const written = new Map<number, { sig: string; at: number }>();
  return async (ctx, next) => {
    const from = ctx.from;
    if (from && !from.is_bot && ctx.chat?.type !== 'private') {
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
