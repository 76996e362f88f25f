import type { Models } from '../db/models/index.js';

export interface KnownUser {
  _id: number;
  language?: 'zh' | 'en';
  username?: string;
  firstName?: string;
  startedBot?: boolean;
  remindersPaused?: boolean;
}

/** What the bot remembers of Telegram users: names seen, language chosen, whether they started it. */
export function createUserService({ models }: { models: Pick<Models, 'UserPref'> }) {
  const { UserPref } = models;
  return {
    /** Remembers a user's name as last seen, so `@username` can be resolved later. */
    async remember(user: { id: number; username?: string; first_name: string }): Promise<void> {
      const set: Record<string, unknown> = { firstName: user.first_name };
      if (user.username) set.username = user.username.toLowerCase();
      await UserPref.updateOne({ _id: user.id }, { $set: set }, { upsert: true });
    },
    async markStarted(id: number, username?: string): Promise<void> {
      const set: Record<string, unknown> = { startedBot: true };
      if (username) set.username = username.toLowerCase();
      await UserPref.updateOne({ _id: id }, { $set: set }, { upsert: true });
    },
    async setLanguage(id: number, language: 'zh' | 'en'): Promise<void> {
      await UserPref.updateOne({ _id: id }, { $set: { language } }, { upsert: true });
    },
    async get(id: number): Promise<KnownUser | null> {
      return UserPref.findById(id).lean<KnownUser>();
    },
    async findByUsername(username: string): Promise<KnownUser | null> {
      return UserPref.findOne({ username: username.replace(/^@/, '').toLowerCase() }).lean<KnownUser>();
    },
  };
}
export type UserService = ReturnType<typeof createUserService>;
