import { DEFAULT_LOCALE, type Locale } from '../domain/locale.js';
import type { Branch } from '../services/branch-service.js';
import type { UserService } from '../services/user-service.js';
import type { Translator } from '../i18n.js';

export type T = (key: string, params?: Record<string, string | number>) => string;

/** The branch's language, for everything the bot posts to the group itself. */
export function branchLocale(branch: Pick<Branch, 'settings'>): Locale {
  return (branch.settings as { language?: Locale } | undefined)?.language ?? DEFAULT_LOCALE;
}

/** A translate function bound to the branch's language. */
export function branchT(i18n: Translator, branch: Pick<Branch, 'settings'>): T {
  const locale = branchLocale(branch);
  return (key, params) => i18n.t(locale, key, params);
}

/**
 * A translate function in a user's own language (src/domain/locale.ts), for direct messages to
 * someone other than the sender; `branch` is the branch the message is about (the last resort).
 */
export async function userT(
  i18n: Translator,
  users: UserService,
  userId: number,
  branch?: Pick<Branch, 'settings'>,
): Promise<T> {
  const locale = await users.localeOf(userId, branch ? { branch: branchLocale(branch) } : {});
  return (key, params) => i18n.t(locale, key, params);
}
