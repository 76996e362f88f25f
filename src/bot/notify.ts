import type { Api } from 'grammy';
import type { AppServices } from '../services/index.js';
import type { Branch } from '../services/branch-service.js';
import { branchLocale } from './branch-t.js';
import type { Translator } from '../i18n.js';
import { escapeHtml } from './views/html.js';

type T = (key: string, params?: Record<string, string | number>) => string;

/** Translate function in the reader's language (src/domain/locale.ts), the branch's as last resort. */
export async function tFor(
  i18n: Translator,
  services: AppServices,
  userId: number,
  branch: Branch,
): Promise<T> {
  const locale = await services.users.localeOf(userId, { branch: branchLocale(branch) });
  return (key, params) => i18n.t(locale, key, params);
}

/**
 * Tells a member the outcome of something they submitted, in a direct message. When the bot
 * cannot write to them (they never opened the private chat) it says it in the group instead,
 * naming them, so the outcome is never silently lost. Returns where it went.
 */
export async function tellMember(
  api: Api,
  deps: { i18n: Translator; services: AppServices },
  branch: Branch,
  member: { userId: number; realName: string },
  build: (t: T) => string,
  opts: { groupFallback?: boolean } = {},
): Promise<'dm' | 'group' | 'none'> {
  const t = await tFor(deps.i18n, deps.services, member.userId, branch);
  try {
    await api.sendMessage(member.userId, build(t), { parse_mode: 'HTML' });
    return 'dm';
  } catch {
    if (opts.groupFallback === false) return 'none';
    const gt: T = (key, params) => deps.i18n.t(branchLocale(branch), key, params);
    await api
      .sendMessage(
        branch.chatId,
        gt('addressed-to', { name: escapeHtml(member.realName), text: build(gt) }),
        { parse_mode: 'HTML' },
      )
      .catch(() => undefined);
    return 'group';
  }
}
