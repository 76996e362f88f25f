import { InlineKeyboard, type Api } from 'grammy';
import type { Logger } from 'pino';
import type { AppServices } from '../services/index.js';
import type { Branch } from '../services/branch-service.js';
import type { AdminCache } from './admins.js';
import { branchLocale, branchT } from './branch-t.js';
import type { Translator } from '../i18n.js';
import { renderRoster } from './views/card.js';
import { periodLabel } from '../services/committee-posts.js';
import type { Notifier } from './notify.js';
import { isNotModified } from './api-errors.js';
import { isInDoubt } from './in-doubt.js';
import { feedbackLink } from '../domain/deep-links.js';

/**
 * Keeps the group's roster board (公示榜) current: one pinned message, edited in place. The board
 * is the one group post the bot sends itself rather than through the notify port: it must have the
 * message's id at once to pin it and to edit it on the next change. Without the
 * pin right it still posts and edits the board, and tells the secretary once which right to grant.
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
  /** Pins the board; without the right (or if pinning fails) says once which right to grant. */
  async function settlePin(api: Api, branch: Branch, messageId: number) {
    let pinned = false;
    if (await admins.botCanPin(api, branch.chatId)) {
      try {
        await api.pinChatMessage(branch.chatId, messageId, { disable_notification: true });
        pinned = true;
      } catch (err) {
        // The right went away within the admin cache's lifetime.
        log.warn({ err, chatId: branch.chatId }, 'roster board could not be pinned');
        admins.forget(branch.chatId);
      }
    }
    if (pinned) {
      if (branch.missingRights.length > 0) await services.branches.markMissingRights(branch, []);
    } else if ((await services.branches.markMissingRights(branch, ['pin'])).length > 0) {
      await notify.toGroup(branch, notify.eventKey('rights-missing-pin', branch._id.toString()), (t) =>
        t('rights-missing-pin'),
      );
    }
  }

  return async function refresh(api: Api, branch: Branch): Promise<void> {
    const t = branchT(i18n, branch);
    const [members, flag] = await Promise.all([
      services.members.active(branch._id),
      services.comparison.flagOf(branch._id),
    ]);
    const text = renderRoster(
      t,
      branch,
      members,
      flag && {
        committee: flag.committee.name,
        period: periodLabel(flag.award.period, branchLocale(branch)),
      },
    );
    // The branch's standing feedback link: written in private, so the group never sees who wrote.
    const feedback = feedbackLink.link(botUsername(), { branchId: branch._id });
    const extra = {
      parse_mode: 'HTML' as const,
      reply_markup: new InlineKeyboard().url(t('roster-button-feedback'), feedback),
    };
    if (branch.rosterMessageId) {
      let edited: boolean;
      try {
        await api.editMessageText(branch.chatId, branch.rosterMessageId, text, extra);
        edited = true;
      } catch (err) {
        edited = isNotModified(err);
        if (!edited)
          log.warn({ err, chatId: branch.chatId }, 'roster board could not be edited; posting a new one');
      }
      // Edited in place: pin it only if it could not be pinned before (the right may have been granted).
      if (edited) {
        if (branch.missingRights.includes('pin')) await settlePin(api, branch, branch.rosterMessageId);
        return;
      }
    }
    const sent = await api.sendMessage(branch.chatId, text, extra);
    // In doubt (sent before a crash, not repeated: in-doubt.ts): the board is out, its id unknown.
    // Keep the old id and pin nothing: a pin of a made-up id is refused and would read as a missing right.
    if (isInDoubt(sent))
      return void log.warn(
        { chatId: branch.chatId },
        'roster board sent in doubt: its id is not known, not kept',
      );
    await services.branches.setRosterMessage(branch._id, sent.message_id);
    await settlePin(api, branch, sent.message_id);
  };
}
export type RosterBoard = ReturnType<typeof createRosterBoard>;
