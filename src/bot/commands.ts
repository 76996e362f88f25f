import type { Api } from 'grammy';
import type { BotCommand } from 'grammy/types';
import type { Role } from '../domain/roles.js';
import { LOCALES, type Translator } from '../i18n.js';

/** A member's own card and the branch's records: in the group menu and in a member's /help. */
const MEMBER_PAGES = ['me', 'card', 'roster', 'standard', 'pledge', 'deed', 'ledger', 'feedback', 'plate'];

/**
 * Which commands each kind of chat lists in Telegram's menu; the text comes from `cmd-<name>` in
 * each locale. Features add their commands here (and to HELP_BY_ROLE).
 */
export const COMMANDS: { group: string[]; private: string[] } = {
  group: [
    'help',
    'join',
    ...MEMBER_PAGES,
    'leave',
    'pending',
    'oralpledge',
    'settings',
    'bind',
    'appoint',
    'unappoint',
    'bindcommittee',
    'invite',
    'branches',
    'redflag',
    'rollup',
    'joincommittee',
    'leavecommittee',
    'why',
    'openround',
    'closeround',
    'finalize',
    'progress',
    'export',
    'appraisal',
    'topten',
    'pause',
    'resume',
    'cancel',
  ],
  private: [
    'start',
    'help',
    'me',
    'standard',
    'pledge',
    'deed',
    'ledger',
    'feedback',
    'plate',
    'pending',
    'rate',
    'orgrate',
    'object',
    'comment',
    'progress',
    'export',
    'appraisal',
    'branches',
    'redflag',
    'rollup',
    'why',
    'pause',
    'resume',
    'language',
    'cancel',
  ],
};

/** Group commands only chat admins see in the menu (anyone may still type them and be told no). */
export const ADMIN_ONLY_COMMANDS: string[] = [
  'bind',
  'appoint',
  'unappoint',
  'settings',
  'pending',
  'oralpledge',
  'openround',
  'closeround',
  'finalize',
  'progress',
  'export',
  'appraisal',
  'topten',
  'bindcommittee',
  'invite',
  'redflag',
  'rollup',
  'joincommittee',
  'leavecommittee',
];

/**
 * What /help lists in a bound group, per role. A role sees its own list and those of the roles it
 * includes: secretary ⊃ committee ⊃ member. The masses see only theirs.
 */
export const HELP_BY_ROLE: Record<Role, string[]> = {
  masses: ['help', 'join', 'card', 'roster', 'ledger', 'feedback'],
  member: ['help', ...MEMBER_PAGES, 'join', 'leave', 'why', 'cancel'],
  committee: ['pending', 'export'],
  secretary: [
    'appoint',
    'unappoint',
    'oralpledge',
    'settings',
    'openround',
    'closeround',
    'finalize',
    'progress',
    'appraisal',
    'topten',
    'pause',
    'resume',
  ],
};

/** The roles whose /help lists a role sees, in order. */
export const HELP_SECTIONS: Record<Role, Role[]> = {
  masses: ['masses'],
  member: ['member'],
  committee: ['member', 'committee'],
  secretary: ['member', 'committee', 'secretary'],
};

function list(i18n: Translator, locale: string, names: readonly string[]): BotCommand[] {
  return names.map((command) => ({ command, description: i18n.t(locale, `cmd-${command}`) }));
}

/** Registers the command menus per scope (groups, private chats) in Chinese (default) and English. */
export async function registerCommands(api: Api, i18n: Translator): Promise<void> {
  for (const locale of LOCALES) {
    const language_code = locale === 'zh' ? undefined : locale;
    const everyone = COMMANDS.group.filter((c) => !ADMIN_ONLY_COMMANDS.includes(c));
    await api.setMyCommands(list(i18n, locale, everyone), {
      scope: { type: 'all_group_chats' },
      language_code,
    });
    await api.setMyCommands(list(i18n, locale, COMMANDS.group), {
      scope: { type: 'all_chat_administrators' },
      language_code,
    });
    await api.setMyCommands(list(i18n, locale, COMMANDS.private), {
      scope: { type: 'all_private_chats' },
      language_code,
    });
  }
}
