import { localesOf } from './notice.js';
import type { Models } from '../db/models/index.js';
import { localeOfCode, readerLocale, type Locale } from '../domain/locale.js';
import { settingsOf } from './branch-settings.js';

export type { Locale } from '../domain/locale.js';

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

/** What the bot remembers of Telegram users: names seen, language chosen, whether they started it. */
export function createUserService({ models }: { models: Pick<Models, 'UserPref' | 'Member' | 'Branch'> }) {
  const { UserPref } = models;
  /** The language of the branch the user is an active member of (the latest joined), if any. */
  async function memberBranchLocale(id: number): Promise<Locale | undefined> {
    const member = await models.Member.findOne({ userId: id, status: 'active' })
      .sort({ _id: -1 })
      .select({ branchId: 1 })
      .lean<{ branchId: unknown }>();
    if (!member) return undefined;
    const branch = await models.Branch.findById(member.branchId).select({ settings: 1 }).lean();
    return branch ? settingsOf(branch).language : undefined;
  }
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
    /** `/pause` or `/resume` in private: the user's own private reminders. */
    async setRemindersPaused(id: number, paused: boolean): Promise<void> {
      await UserPref.updateOne({ _id: id }, { $set: { remindersPaused: paused } }, { upsert: true });
    },
    /** Each reader's language and whether a private message may reach them (see `localesOf`). */
    readers: (ids: number[], branchLocale: Locale) => localesOf(UserPref, ids, branchLocale),
    async setLanguage(id: number, language: Locale): Promise<void> {
      await UserPref.updateOne({ _id: id }, { $set: { language } }, { upsert: true });
    },
    async get(id: number): Promise<KnownUser | null> {
      return UserPref.findById(id).lean<KnownUser>();
    },
    /**
     * The language of what this user reads alone (private chat, button alert), by the one rule
     * (`readerLocale`): their choice, else their Telegram language (`telegram`, from the update at
     * hand, else as last seen), else `branch` (the branch the message is about; when not given,
     * the branch they are a member of), else Chinese.
     */
    async localeOf(id: number, opts: { telegram?: string; branch?: Locale } = {}): Promise<Locale> {
      const known = await UserPref.findById(id).lean<KnownUser>();
      const telegram = opts.telegram ?? known?.telegramLanguage;
      const chosen = known?.language;
      // The branch is looked up only when the rule needs it.
      const branch =
        chosen || localeOfCode(telegram) ? undefined : (opts.branch ?? (await memberBranchLocale(id)));
      return readerLocale({ chosen, telegram, branch });
    },
    async findByUsername(username: string): Promise<KnownUser | null> {
      return UserPref.findOne({ username: username.replace(/^@/, '').toLowerCase() }).lean<KnownUser>();
    },
  };
}
export type UserService = ReturnType<typeof createUserService>;
