import type { Logger } from 'pino';
import { feedbackLink } from '../domain/deep-links.js';
import type { Branch, BranchService, RosterDraft } from './branch-service.js';
import { settingsOf } from './branch-settings.js';
import type { CommitteeComparison } from './committee-comparison.js';
import { periodLabel } from './committee-posts.js';
import type { MemberService } from './member-service.js';
import type { OutButton, OutgoingMessage, Translate } from './notice.js';
import { renderRoster } from './roster-view.js';

export type { RosterDraft } from './branch-service.js';

/**
 * The roster board (公示榜): one pinned message per branch group, edited in place. A new board is
 * a message like any other to the group, so it goes out on the sender queue; the kept one is
 * edited in place (`createRosterRefresh`, by the bot after its own changes and by the worker's
 * roster sync after changes made elsewhere), and the worker keeps a new one's id and pins it
 * (jobs/roster-board.ts).
 *
 * Races (two confirmations before the first board is out): the board is queued under one key per
 * generation (`rosterBoardKey`), so it is posted once, and its newest text is stored on the branch
 * (`rosterDraft`) and read by the sender when it posts. A draft stored after that read but before
 * the id is kept is edited in by the worker right after keeping it; one stored after the id is
 * kept cannot be (`draftRoster` is atomic with `keepRoster`): the kept board is edited then.
 */
/** The sender-queue key of a branch's board of one generation. */
export const rosterBoardKey = (branchId: string, gen: number) => `roster-board:${branchId}:g${gen}`;

/**
 * After the board is posted or edited: pinned, the missing right is cleared; not pinned (no right,
 * or the pin failed), the missing right is marked and the group is told once. `branch` is the
 * branch with `messageId` as its kept board.
 */
export async function settleRosterPin(
  deps: { branches: Pick<BranchService, 'markMissingRights'>; ports: RosterPorts; t: Translate },
  branch: Branch,
  messageId: number,
): Promise<void> {
  const { branches, ports } = deps;
  if (await ports.pin(branch, messageId)) {
    if (branch.missingRights.length > 0) await branches.markMissingRights(branch, []);
  } else if ((await branches.markMissingRights(branch, ['pin'])).length > 0) {
    await ports.queue({
      key: ports.missingPinKey(branch),
      chatId: branch.chatId,
      text: deps.t(settingsOf(branch).language, 'rights-missing-pin'),
      html: true,
    });
  }
}

/** How the refresh reaches Telegram and the sender queue; the bot and the worker give their own. */
export interface RosterPorts {
  /** Edits the kept board in place; false when it is gone (deleted, too old to edit). */
  edit(branch: Branch, messageId: number, board: RosterDraft): Promise<boolean>;
  /** Pins the kept board; false without the right or when Telegram refused. */
  pin(branch: Branch, messageId: number): Promise<boolean>;
  /** Queues a post to the branch's group; false when `msg.key` was sent already. */
  queue(msg: OutgoingMessage): Promise<boolean>;
  /** The key of the one notice that the pin right is missing. */
  missingPinKey(branch: Branch): string;
}

/**
 * Brings a branch's board up to date: its text rendered from the stored members and red flag, the
 * kept board edited in place (and pinned if it could not be before: the right may have been
 * granted since), or a new board queued (see above for the races). Used by the bot after its own
 * changes and by the worker's roster sync (jobs/processors/roster-sync.ts) after changes made
 * elsewhere.
 */
export function createRosterRefresh(deps: {
  branches: BranchService;
  members: Pick<MemberService, 'active'>;
  comparison: Pick<CommitteeComparison, 'flagOf'>;
  t: Translate;
  botUsername: () => string;
  log: Logger;
  ports: RosterPorts;
}) {
  const { branches, members, comparison, t, botUsername, log, ports } = deps;

  async function render(branch: Branch): Promise<RosterDraft> {
    const locale = settingsOf(branch).language;
    const tl = (key: string, params?: Record<string, string | number>) => t(locale, key, params);
    const [active, flag] = await Promise.all([members.active(branch._id), comparison.flagOf(branch._id)]);
    const text = renderRoster(
      tl,
      branch,
      active,
      flag && { committee: flag.committee.name, period: periodLabel(flag.award.period, locale) },
    );
    // The branch's standing feedback link: written in private, so the group never sees who wrote.
    const feedback = feedbackLink.link(botUsername(), { branchId: branch._id });
    const buttons: OutButton[][] = [[{ text: tl('roster-button-feedback'), url: feedback }]];
    return { text, buttons };
  }

  async function pinIfMissing(branch: Branch, messageId: number) {
    if (branch.missingRights.includes('pin'))
      await settleRosterPin({ branches, ports, t }, branch, messageId);
  }

  /**
   * Queues a new board. Its key was sent already but no id is kept: that board went out in doubt
   * (or its id could not be stored), so it is unknown and a board of the next generation is posted.
   */
  async function post(branch: Branch, board: RosterDraft, depth: number): Promise<number | undefined> {
    const id = branch._id.toString();
    const gen = await branches.draftRoster(branch._id, board);
    if (gen === null) {
      // The sender kept a board meanwhile: this text goes in by editing that one.
      const fresh = await branches.byId(id);
      if (fresh?.rosterMessageId && depth < 2) return refreshAt(fresh, depth + 1);
      log.warn({ branchId: id }, 'roster board neither kept nor postable');
      return undefined;
    }
    const queued = await ports.queue({
      key: rosterBoardKey(id, gen),
      chatId: branch.chatId,
      text: board.text,
      html: true,
      buttons: board.buttons,
      keep: { kind: 'roster-board', id, gen },
    });
    if (queued || depth >= 2) return undefined;
    log.warn({ branchId: id, gen }, 'roster board went out without its id: posting a new one');
    await branches.nextRosterGen(branch._id, gen);
    return post(branch, board, depth + 1);
  }

  /** The kept board's message id once it is up to date, or undefined while a new one is queued. */
  async function refreshAt(branch: Branch, depth: number): Promise<number | undefined> {
    const board = await render(branch);
    if (branch.rosterMessageId) {
      if (await ports.edit(branch, branch.rosterMessageId, board)) {
        await pinIfMissing(branch, branch.rosterMessageId);
        return branch.rosterMessageId;
      }
      await branches.rosterLost(branch._id, branch.rosterMessageId);
    }
    return post(branch, board, depth);
  }

  return (branch: Branch): Promise<number | undefined> => refreshAt(branch, 0);
}
export type RosterRefresh = ReturnType<typeof createRosterRefresh>;
