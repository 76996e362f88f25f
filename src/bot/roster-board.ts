import { GrammyError, type Api } from 'grammy';
import type { Logger } from 'pino';
import type { AppServices } from '../services/index.js';
import type { Branch } from '../services/branch-service.js';
import type { AdminCache } from './admins.js';
import { branchT } from './branch-t.js';
import type { Translator } from './i18n.js';
import { renderRoster } from './views/card.js';

/**
 * Keeps the group's roster board (公示榜) current: one pinned message, edited in place. Without the
 * pin right it still posts and edits the board, and tells the secretary once which right to grant.
 */
export function createRosterBoard(deps: {
  services: AppServices;
  i18n: Translator;
  admins: AdminCache;
  log: Logger;
}) {
  const { services, i18n, admins, log } = deps;
  // The right was missing when the board was posted and has been granted since: pin it now.
  async function pinIfNowAllowed(api: Api, branch: Branch, messageId: number) {
    if (!branch.missingRights.includes('pin') || !(await admins.botCanPin(api, branch.chatId))) return;
    await api.pinChatMessage(branch.chatId, messageId, { disable_notification: true });
    await services.branches.markMissingRights(branch, []);
  }

  return async function refresh(api: Api, branch: Branch): Promise<void> {
    const t = branchT(i18n, branch);
    const members = await services.members.active(branch._id);
    const text = renderRoster(t, branch, members);
    if (branch.rosterMessageId) {
      try {
        await api.editMessageText(branch.chatId, branch.rosterMessageId, text, { parse_mode: 'HTML' });
        return await pinIfNowAllowed(api, branch, branch.rosterMessageId);
      } catch (err) {
        if (err instanceof GrammyError && err.description.includes('message is not modified'))
          return await pinIfNowAllowed(api, branch, branch.rosterMessageId);
        log.warn({ err, chatId: branch.chatId }, 'roster board could not be edited; posting a new one');
      }
    }
    const sent = await api.sendMessage(branch.chatId, text, { parse_mode: 'HTML' });
    await services.branches.setRosterMessage(branch._id, sent.message_id);
    if (await admins.botCanPin(api, branch.chatId)) {
      await api.pinChatMessage(branch.chatId, sent.message_id, { disable_notification: true });
      await services.branches.markMissingRights(branch, []);
    } else if ((await services.branches.markMissingRights(branch, ['pin'])).length > 0) {
      await api.sendMessage(branch.chatId, t('rights-missing-pin'));
    }
  };
}
export type RosterBoard = ReturnType<typeof createRosterBoard>;
