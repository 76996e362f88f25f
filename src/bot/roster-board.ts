import { type Api } from 'grammy';
import type { Logger } from 'pino';
import type { AppServices } from '../services/index.js';
import type { Branch } from '../services/branch-service.js';
import { inlineKeyboard, type OutButton } from '../services/notice.js';
import { rosterBoardKey, settleRosterPin, type RosterDraft } from '../services/roster-board.js';
import type { AdminCache } from './admins.js';
import { branchLocale, branchT } from './branch-t.js';
import type { Translator } from '../i18n.js';
import { renderRoster } from './views/card.js';
import { periodLabel } from '../services/committee-posts.js';
import type { Notifier } from './notify.js';
import { isNotModified } from './api-errors.js';
import { feedbackLink } from '../domain/deep-links.js';

/**
 * Keeps the group's roster board (公示榜) current: one pinned message, edited in place. The bot
 * edits the kept board itself (an edit, not a new message); a new board (none yet, or the kept one
 * is gone) goes out on the sender queue through the notify port like every other group post, and
 * the worker keeps its id and pins it (src/services/roster-board.ts, jobs/roster-board.ts). Without
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

  async function render(branch: Branch): Promise<RosterDraft> {
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
    const buttons: OutButton[][] = [[{ text: t('roster-button-feedback'), url: feedback }]];
    return { text, buttons };
  }

  /** The kept board, edited in place; false when it is gone (deleted, too old to edit). */
  async function edit(api: Api, branch: Branch, messageId: number, board: RosterDraft) {
    try {
      await api.editMessageText(branch.chatId, messageId, board.text, {
        parse_mode: 'HTML',
        reply_markup: inlineKeyboard(board.buttons),
      });
      return true;
    } catch (err) {
      if (isNotModified(err)) return true;
      log.warn({ err, chatId: branch.chatId }, 'roster board could not be edited; posting a new one');
      return false;
    }
  }

  /** Pins the kept board if it could not be pinned before (the right may have been granted since). */
  async function pinIfMissing(api: Api, branch: Branch, messageId: number) {
    if (!branch.missingRights.includes('pin')) return;
    await settleRosterPin({
      branches: services.branches,
      branch,
      async pin() {
        if (!(await admins.botCanPin(api, branch.chatId))) return false;
        try {
          await api.pinChatMessage(branch.chatId, messageId, { disable_notification: true });
          return true;
        } catch (err) {
          // The right went away within the admin cache's lifetime.
          log.warn({ err, chatId: branch.chatId }, 'roster board could not be pinned');
          admins.forget(branch.chatId);
          return false;
        }
      },
      tellMissing: async () =>
        void (await notify.toGroup(
          branch,
          notify.eventKey('rights-missing-pin', branch._id.toString()),
          (t) => t('rights-missing-pin'),
        )),
    });
  }

  /**
   * Queues a new board (see src/services/roster-board.ts for the races). Its key was sent already
   * but no id is kept: that board went out in doubt (or its id could not be stored), so it is
   * unknown and a board of the next generation is posted, as the bot did before the queue.
   */
  async function post(api: Api, branch: Branch, board: RosterDraft, depth: number): Promise<void> {
    const id = branch._id.toString();
    const gen = await services.branches.draftRoster(branch._id, board);
    if (gen === null) {
      // The sender kept a board meanwhile: this text goes in by editing that one.
      const fresh = await services.branches.byId(id);
      if (fresh?.rosterMessageId && depth < 2) return refreshAt(api, fresh, depth + 1);
      return void log.warn({ branchId: id }, 'roster board neither kept nor postable');
    }
    const queued = await notify.toGroup(branch, rosterBoardKey(id, gen), () => board.text, {
      buttons: () => board.buttons,
      keep: { kind: 'roster-board', id, gen },
    });
    if (queued || depth >= 2) return;
    log.warn({ branchId: id, gen }, 'roster board went out without its id: posting a new one');
    await services.branches.nextRosterGen(branch._id, gen);
    await post(api, branch, board, depth + 1);
  }

  async function refreshAt(api: Api, branch: Branch, depth: number): Promise<void> {
    const board = await render(branch);
    if (branch.rosterMessageId) {
      if (await edit(api, branch, branch.rosterMessageId, board))
        return pinIfMissing(api, branch, branch.rosterMessageId);
      await services.branches.rosterLost(branch._id, branch.rosterMessageId);
    }
    await post(api, branch, board, depth);
  }

  return (api: Api, branch: Branch): Promise<void> => refreshAt(api, branch, 0);
}
export type RosterBoard = ReturnType<typeof createRosterBoard>;
