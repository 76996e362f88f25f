import type { Branch } from '../services/branch-service.js';
import type { Translator } from './i18n.js';

/** The branch's language, for everything the bot posts to the group itself. */
export function branchLocale(branch: Pick<Branch, 'settings'>): 'zh' | 'en' {
  return (branch.settings as { language?: 'zh' | 'en' } | undefined)?.language ?? 'zh';
}

/** A translate function bound to the branch's language. */
export function branchT(i18n: Translator, branch: Pick<Branch, 'settings'>) {
  const locale = branchLocale(branch);
  return (key: string, params?: Record<string, string | number>) => i18n.t(locale, key, params);
}
