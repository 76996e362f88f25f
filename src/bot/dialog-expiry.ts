import type { Api } from 'grammy';
import type { Logger } from 'pino';
import type { AppServices } from '../services/index.js';
import { branchLocale } from './branch-t.js';
import type { Translator } from '../i18n.js';

/**
 * Ends dialogs nobody answered in time and says so where the question was asked: in a group,
 * naming the person, in the branch's language; in private, in the user's language. The delete is
 * conditional on the expiry read, so an answer that came in meanwhile keeps its dialog.
 */
export function createDialogSweeper(deps: {
  services: AppServices;
  i18n: Translator;
  api: () => Api;
  log: Logger;
}) {
  const { services, i18n, api, log } = deps;

  async function notify(key: string, minutes: number) {
    const [chatId, userId] = key.split(':').map(Number) as [number, number];
    if (chatId > 0) {
      const locale = await services.users.localeOf(userId);
      const text = i18n.t(locale, 'dialog-expired', { minutes });
      return api().sendMessage(chatId, text, { reply_markup: { remove_keyboard: true } });
    }
    const branch = await services.branches.findByChat(chatId);
    const name = (await services.users.get(userId))?.firstName ?? String(userId);
    const locale = branch ? branchLocale(branch) : 'zh';
    return api().sendMessage(chatId, i18n.t(locale, 'dialog-expired-for', { name, minutes }));
  }

  /** One pass: ends every dialog expired by `now` (at most `limit`); returns their keys. */
  async function sweep(now: Date = new Date(), limit = 100): Promise<string[]> {
    const ended = await services.dialogs.endExpired(now, limit);
    for (const d of ended)
      await notify(d.key, d.idleMinutes).catch((err: unknown) =>
        log.warn({ err, key: d.key }, 'could not send the dialog expiry note'),
      );
    return ended.map((d) => d.key);
  }

  /** Sweeps every `everyMs` until stopped; the timer never keeps the process alive. */
  function start(everyMs = 60_000): () => void {
    const timer = setInterval(() => {
      sweep().catch((err: unknown) => log.warn({ err }, 'dialog sweep failed'));
    }, everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }
  return { sweep, start };
}
