import type { BranchDoc } from '../db/models/branch.js';
import type { Models } from '../db/models/index.js';
import { earlyCloseOf, roundTimes } from '../domain/round-state.js';
import { authorize, type Actor } from './authorize.js';
import { openRoundOf, withSettings } from './rating-round-support.js';
import { gapCounts, roundGaps } from './round-gaps.js';

/** Before the secretary's /closeround: is it an early close to confirm, and who has not yet rated. */
export function createRoundCloseCheck({ models, clock }: { models: Models; clock: () => Date }) {
  return {
    /**
     * The open round of the branch with its scheduled close and gaps, and whether closing now must
     * be confirmed (`earlyCloseOf`); null when no round is open. Secretary only.
     */
    async check(branch: BranchDoc, actor: Actor) {
      authorize(actor, 'closeRound', { ownerId: 0, branchId: String(branch._id) });
      const { settings } = withSettings(branch);
      const round = await openRoundOf(models, branch._id);
      if (!round) return null;
      const scheduledClose = roundTimes(round.month, settings).closeAt;
      const gaps = await roundGaps(models, round, settings.massesMinBallots);
      return { round, scheduledClose, gaps, ...earlyCloseOf(clock(), scheduledClose, gapCounts(gaps)) };
    },
  };
}
export type RoundCloseCheck = ReturnType<typeof createRoundCloseCheck>;
