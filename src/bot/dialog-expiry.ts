import type { Api } from 'grammy';
import type { Logger } from 'pino';
import type { Models } from '../db/models/index.js';
import type { AppServices } from '../services/index.js';
import { branchLocale } from './branch-t.js';
import type { Translator } from '../i18n.js';

interface Expired {
  _id: string;
  idleMinutes?: number;
}

/**
 * Ends dialogs nobody answered in time and says so where the question was asked: in a group,
 * naming the person, in the branch's language; in private, in the user's language. The delete is
 * conditional on the expiry read, so an answer that came in meanwhile keeps its dialog.
 */
export function createDialogSweeper(deps: {
  models: Pick<Models, 'DialogState'>;
  services: AppServices;
  i18n: Translator;
  api: () => Api;
  log: Logger;
}) {
  const { models, services, i18n, api, log } = deps;

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
    const due = await models.DialogState.find({ expiresAt: { $lte: now } })
      .select({ _id: 1, idleMinutes: 1 })
      .limit(limit)
      .lean<Expired[]>();
    const ended: string[] = [];
    for (const d of due) {
      const gone = await models.DialogState.findOneAndDelete({ _id: d._id, expiresAt: { $lte: now } }).lean();
      if (!gone) continue;
      ended.push(d._id);
      await notify(d._id, d.idleMinutes ?? 30).catch((err: unknown) =>
        log.warn({ err, key: d._id }, 'could not send the dialog expiry note'),
      );
    }
    return ended;
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
