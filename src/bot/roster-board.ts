import { type Api } from 'grammy';
import type { Logger } from 'pino';
import type { AppServices } from '../services/index.js';
import type { Branch } from '../services/branch-service.js';
import { createRosterRefresh } from '../services/roster-board.js';
import type { AdminCache } from './admins.js';
import type { Translator } from '../i18n.js';
import type { Notifier } from './notify.js';
import { rosterPorts } from '../../jobs/roster-board.js';

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
      ports: rosterPorts({
        api,
        log,
        mayPin: (chatId) => admins.botCanPin(api, chatId),
        // The right went away within the admin cache's lifetime.
        pinRefused: (chatId) => admins.forget(chatId),
        queue: ({ key, text, buttons, keep }) =>
          notify.toGroup(branch, key, () => text ?? '', {
            ...(buttons && { buttons: () => buttons }),
            ...(keep && { keep }),
          }),
        missingPinKey: (b) => notify.eventKey('rights-missing-pin', b._id.toString()),
      }),
    })(branch);
  return refreshWith;
}
export type RosterBoard = ReturnType<typeof createRosterBoard>;
