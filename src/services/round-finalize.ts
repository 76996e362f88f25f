import type { BranchDoc } from '../db/models/branch.js';
import type { Models } from '../db/models/index.js';
import type { MemberRecord } from '../db/models/member.js';
import type { ObjectionRecord } from '../db/models/objection.js';
import type { RatingRoundRecord } from '../db/models/rating-round.js';
import { listLabel, monthLabel } from '../domain/locale-format.js';
import { createAudit } from './audit.js';
import { authorize, type Actor } from './authorize.js';
import { ServiceError } from './errors.js';
import { withSettings } from './rating-round-support.js';
import type { RatingService } from './rating-service.js';

/**
 * The secretary publishes the final results before the objection window ends (提前公布正式结果),
 * allowed once no objection of the round is open; audited.
 */
export function createRoundFinalize(deps: {
  models: Models;
  clock: () => Date;
  ratings: Pick<RatingService, 'finalize'>;
}) {
  const { models, clock } = deps;
  const audit = createAudit(models, clock);

  /** The open objections of a round, named by their members (refusal parameters). */
  async function openObjections(round: RatingRoundRecord, language: 'zh' | 'en') {
    const open = await models.Objection.find({ roundId: round._id, status: 'open' }).lean<
      ObjectionRecord[]
    >();
    const members = await models.Member.find({ _id: { $in: open.map((o) => o.memberId) } }, { realName: 1 })
      .sort({ realName: 1 })
      .lean<Pick<MemberRecord, 'realName'>[]>();
    return {
      month: monthLabel(round.month, language),
      count: open.length,
      names: listLabel(
        members.map((m) => m.realName),
        language,
      ),
    };
  }

  return {
    /**
     * Makes the branch's latest provisional round final now: stars and plates set from its
     * results. Refused while any objection is open (`error-finalize-objections-open`, naming them)
     * and when no round awaits it (`error-finalize-none`).
     */
    async publishFinal(branch: BranchDoc, actor: Actor) {
      authorize(actor, 'finalizeRound', { ownerId: 0, branchId: String(branch._id) });
      const { settings } = withSettings(branch);
      const round = await models.RatingRound.findOne({ branchId: branch._id, status: 'provisional' })
        .sort({ month: -1 })
        .lean<RatingRoundRecord>();
      if (!round) throw new ServiceError('error-finalize-none');
      const open = await openObjections(round, settings.language);
      if (open.count > 0) throw new ServiceError('error-finalize-objections-open', open);
      const asOf = clock();
      const r = await deps.ratings.finalize(branch._id, round.month, { asOf, force: true });
      // An objection filed in between: refused the same way, nothing changed.
      if (r.openObjections)
        throw new ServiceError(
          'error-finalize-objections-open',
          await openObjections(round, settings.language),
        );
      if (r.finalized)
        await audit({
          branchId: branch._id,
          actorId: actor.userId,
          action: 'round.finalize-early',
          target: round.month,
          before: { status: 'provisional', objectionDeadline: round.objectionDeadline },
          after: { status: 'final', finalizedAt: asOf },
        });
      return { month: round.month, roundId: round._id, finalized: r.finalized };
    },
  };
}
export type RoundFinalize = ReturnType<typeof createRoundFinalize>;
