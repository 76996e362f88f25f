import type { Models } from '../db/models/index.js';

export type Locale = 'zh' | 'en';

export interface KnownUser {
  _id: number;
  language?: Locale;
  telegramLanguage?: string;
  username?: string;
  firstName?: string;
  startedBot?: boolean;
  remindersPaused?: boolean;
}

interface SeenUser {
  id: number;
  username?: string;
  first_name: string;
  language_code?: string;
}

/** Chinese unless the language code is English: zh-hans, zh-TW, ru all get Chinese. */
export function localeOfCode(code: string | undefined): Locale {
  return code?.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

/** What the bot remembers of Telegram users: names seen, language chosen, whether they started it. */
export function createUserService({ models }: { models: Pick<Models, 'UserPref'> }) {
  const { UserPref } = models;
  const seen = (user: SeenUser) => {
    const set: Record<string, unknown> = { firstName: user.first_name };
    if (user.username) set.username = user.username.toLowerCase();
    if (user.language_code) set.telegramLanguage = user.language_code;
    return set;
  };
  return {
    /** Remembers a user's name as last seen, so `@username` can be resolved later. */
    async remember(user: SeenUser): Promise<void> {
      await UserPref.updateOne({ _id: user.id }, { $set: seen(user) }, { upsert: true });
    },
    async markStarted(user: SeenUser): Promise<void> {
      await UserPref.updateOne(
        { _id: user.id },
        { $set: { ...seen(user), startedBot: true } },
        { upsert: true },
      );
    },
    async setLanguage(id: number, language: Locale): Promise<void> {
      await UserPref.updateOne({ _id: id }, { $set: { language } }, { upsert: true });
    },
    async get(id: number): Promise<KnownUser | null> {
      return UserPref.findById(id).lean<KnownUser>();
    },
    /** The language to write to this user in private: their choice, else their Telegram language. */
    async localeOf(id: number, telegramCode?: string): Promise<Locale> {
      const known = await UserPref.findById(id).lean<KnownUser>();
      return known?.language ?? localeOfCode(telegramCode ?? known?.telegramLanguage);
    },
    async findByUsername(username: string): Promise<KnownUser | null> {
      return UserPref.findOne({ username: username.replace(/^@/, '').toLowerCase() }).lean<KnownUser>();
    },
  };
}
export type UserService = ReturnType<typeof createUserService>;
