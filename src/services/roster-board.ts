import type { Branch, BranchService } from './branch-service.js';

export type { RosterDraft } from './branch-service.js';

/**
 * The roster board (公示榜): one pinned message per branch group, edited in place. A new board is
 * a message like any other to the group, so it goes out on the sender queue; the bot edits the
 * kept one (src/bot/roster-board.ts), the worker keeps a new one's id and pins it
 * (jobs/roster-board.ts).
 *
 * Races (two confirmations before the first board is out): the board is queued under one key per
 * generation (`rosterBoardKey`), so it is posted once, and its newest text is stored on the branch
 * (`rosterDraft`) and read by the sender when it posts. A draft stored after that read but before
 * the id is kept is edited in by the worker right after keeping it; one stored after the id is
 * kept cannot be (`draftRoster` is atomic with `keepRoster`): the bot edits the kept board then.
 */
/** The sender-queue key of a branch's board of one generation. */
export const rosterBoardKey = (branchId: string, gen: number) => `roster-board:${branchId}:g${gen}`;

/**
 * After the board is posted or edited: pinned, the missing right is cleared; not pinned (no right,
 * or the pin failed), the missing right is marked and the group is told once (`tellMissing`).
 */
export async function settleRosterPin(deps: {
  branches: Pick<BranchService, 'markMissingRights'>;
  branch: Branch;
  /** Pins the board; false without the right or when Telegram refused. */
  pin: () => Promise<boolean>;
  tellMissing: () => Promise<void>;
}): Promise<void> {
  const { branches, branch } = deps;
  if (await deps.pin()) {
    if (branch.missingRights.length > 0) await branches.markMissingRights(branch, []);
  } else if ((await branches.markMissingRights(branch, ['pin'])).length > 0) {
    await deps.tellMissing();
  }
}
