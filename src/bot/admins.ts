import type { Api } from 'grammy';

/**
 * Who administers a chat right now, cached briefly: an admin demoted in Telegram loses the
 * bot's secretary rights within `ttlMs`.
 */
export function createAdminCache(ttlMs = 30_000, now: () => number = Date.now) {
  const cache = new Map<number, { at: number; ids: Set<number>; canPin: boolean; canDelete: boolean }>();
  async function load(api: Api, chatId: number) {
    const hit = cache.get(chatId);
    if (hit && now() - hit.at < ttlMs) return hit;
    const admins = await api.getChatAdministrators(chatId);
    const me = admins.find((a) => a.user.is_bot && a.user.id === api.token.split(':').map(Number)[0]);
    const canPin = !!me && (me.status === 'creator' || me.can_pin_messages === true);
    const canDelete = !!me && (me.status === 'creator' || me.can_delete_messages === true);
    const entry = { at: now(), ids: new Set(admins.map((a) => a.user.id)), canPin, canDelete };
    cache.set(chatId, entry);
    return entry;
  }
  return {
    async isAdmin(api: Api, chatId: number, userId: number): Promise<boolean> {
      return (await load(api, chatId)).ids.has(userId);
    },
    async botCanPin(api: Api, chatId: number): Promise<boolean> {
      return (await load(api, chatId)).canPin;
    },
    /** Whether the bot may delete others' messages in the chat (an admin with that right). */
    async botCanDelete(api: Api, chatId: number): Promise<boolean> {
      return (await load(api, chatId)).canDelete;
    },
    /**
     * Asked from Telegram now, not from the cache: a bot that is not an admin of the group gets no
     * chat_member update when someone is demoted, so only a fresh answer says it at once.
     */
    async isAdminNow(api: Api, chatId: number, userId: number): Promise<boolean> {
      const m = await api.getChatMember(chatId, userId);
      return m.status === 'creator' || m.status === 'administrator';
    },
    forget(chatId: number) {
      cache.delete(chatId);
    },
  };
}
export type AdminCache = ReturnType<typeof createAdminCache>;
