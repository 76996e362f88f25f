import { type Api } from 'grammy';
import type { Logger } from 'pino';
import type { AppServices } from '../services/index.js';
import type { Branch } from '../services/branch-service.js';
import { inlineKeyboard } from '../services/notice.js';
import { createRosterRefresh } from '../services/roster-board.js';
import type { AdminCache } from './admins.js';
import type { Translator } from '../i18n.js';
import type { Notifier } from './notify.js';
import { isNotModified } from './api-errors.js';

/**
 * Keeps the group's roster board (公示榜) current after the bot's own changes: one pinned message,
 * edited in place. The refresh itself (render, edit, or queue a new board that the worker keeps and
 * pins) is src/services/roster-board.ts, shared with the worker's roster sync; here are the bot's
 * ports: its Bot API for the edit, its admin cache before a pin, the notify port's queue. Without
 * the pin right the board is still posted and edited, and the group is told once which right to grant.
 */
export function createRosterBoard(deps: {
  services: AppServices;
  i18n: Translator;
  admins: AdminCache;
  log: Logger;
  botUsername: () => string;
  notify: Notifier;
}) {
  const { services, i18n, admins, log, botUsername, notify } = deps;
  /** The refresh over the Bot API of the update that asked for it. */
  const refreshWith = (api: Api, branch: Branch) =>
    createRosterRefresh({
      branches: services.branches,
      members: services.members,
      comparison: services.comparison,
      t: (locale, key, params) => i18n.t(locale, key, params),
      botUsername,
      log,
      ports: {
        async edit(b, messageId, board) {
          try {
            await api.editMessageText(b.chatId, messageId, board.text, {
              parse_mode: 'HTML',
              reply_markup: inlineKeyboard(board.buttons),
            });
            return true;
          } catch (err) {
            if (isNotModified(err)) return true;
            log.warn({ err, chatId: b.chatId }, 'roster board could not be edited; posting a new one');
            return false;
          }
        },
        async pin(b, messageId) {
          if (!(await admins.botCanPin(api, b.chatId))) return false;
          try {
            await api.pinChatMessage(b.chatId, messageId, { disable_notification: true });
            return true;
          } catch (err) {
            // The right went away within the admin cache's lifetime.
            log.warn({ err, chatId: b.chatId }, 'roster board could not be pinned');
            admins.forget(b.chatId);
            return false;
          }
        },
        queue: ({ key, text, buttons, keep }) =>
          notify.toGroup(branch, key, () => text ?? '', {
            ...(buttons && { buttons: () => buttons }),
            ...(keep && { keep }),
          }),
        missingPinKey: (b) => notify.eventKey('rights-missing-pin', b._id.toString()),
      },
    })(branch);
  return (api: Api, branch: Branch): Promise<void> => refreshWith(api, branch);
}
export type RosterBoard = ReturnType<typeof createRosterBoard>;
