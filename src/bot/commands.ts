import type { Api } from 'grammy';
import type { BotCommand } from 'grammy/types';
import { LOCALES, type Translator } from './i18n.js';

/** Which commands each kind of chat lists; the menu text comes from `cmd-<name>` in each locale. */
export const COMMANDS = {
  group: ['help', 'bind', 'appoint', 'unappoint', 'cancel'],
  private: ['start', 'help', 'language', 'cancel'],
} as const;

function list(i18n: Translator, locale: string, names: readonly string[]): BotCommand[] {
  return names.map((command) => ({ command, description: i18n.t(locale, `cmd-${command}`) }));
}

/** Registers the command menus per scope (groups, private chats) in Chinese (default) and English. */
export async function registerCommands(api: Api, i18n: Translator): Promise<void> {
  for (const locale of LOCALES) {
    const language_code = locale === 'zh' ? undefined : locale;
    await api.setMyCommands(list(i18n, locale, COMMANDS.group), {
      scope: { type: 'all_group_chats' },
      language_code,
    });
    await api.setMyCommands(list(i18n, locale, COMMANDS.private), {
      scope: { type: 'all_private_chats' },
      language_code,
    });
  }
}
