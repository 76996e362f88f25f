import { isDeepStrictEqual } from 'node:util';
import type { Types } from 'mongoose';
import { unwrap } from '../domain/errors.js';
import { computeMonthResult, type MonthResultInputs } from '../domain/rating-result.js';
import { validateText } from '../domain/text.js';
import type { MemberRecord } from '../db/models/member.js';
import type { ObjectionRecord } from '../db/models/objection.js';
import type { RatingResultRecord } from '../db/models/rating-result.js';
import { ServiceError } from './errors.js';
import { branchWithSettings, isDuplicateKey, roundIn, type RatingDeps } from './rating-round-support.js';
import { authorize, recordOf, type Actor } from './authorize.js';

/**
 * Who answers a member's objection: the secretary; the secretary's own objection, the branch's
 * committee members (支委). A secretary whose branch has no 支委 is told so before objecting.
 */
export function objectionHandlers(
  branch: { secretaryId: number; committeeIds: number[] },
  userId: number,
): number[] {
  if (userId !== branch.secretaryId) return [branch.secretaryId];
  if (branch.committeeIds.length === 0) throw new ServiceError('error-objection-no-committee');
  return [...branch.committeeIds];
}

/** Objections (异议) during the publication window (公示期), and `/why`. */
export function createRatingObjections({ models, clock }: RatingDeps) {
  return {
    /** A member objects to their provisional result, once per round, before the window ends. */
    async file(branchId: Types.ObjectId, month: string, userId: number, text: string) {
      const { branch } = await branchWithSettings(models, branchId);
      const answeredBy = objectionHandlers(branch, userId);
      const round = await roundIn(models, branchId, month, 'provisional');
      if (round.objectionDeadline && clock() >= round.objectionDeadline)
        throw new ServiceError('error-objection-window-closed', { month });
      const member = await models.Member.findOne({ branchId, userId }).lean<MemberRecord>();
      if (!member) throw new ServiceError('error-not-member');
      const valid = unwrap(validateText('comment', text));
      try {
        const doc = await models.Objection.create({
          roundId: round._id,
          branchId,
          month,
          memberId: member._id,
          userId,
          text: valid,
          status: 'open',
        });
        return { objection: doc.toObject() as ObjectionRecord, member, answeredBy };
      } catch (err) {
        if (isDuplicateKey(err)) throw new ServiceError('error-objection-duplicate', { month });
        throw err;
      }
    },

    /** The branch of an open objection (whose actor answers it), or `error-objection-not-found`. */
    async branchOf(objectionId: string) {
      const objection = /^[0-9a-f]{24}$/.test(objectionId)
        ? await models.Objection.findById(objectionId).lean<ObjectionRecord>()
        : null;
      if (!objection || objection.status !== 'open') throw new ServiceError('error-objection-not-found');
      return (await branchWithSettings(models, objection.branchId)).branch;
    },

    /** May the actor answer this objection? The policy's refusal before any question is asked. */
    async checkResolve(objectionId: string, actor: Actor) {
      const objection = await models.Objection.findById(objectionId).lean<ObjectionRecord>();
      if (!objection || objection.status !== 'open') throw new ServiceError('error-objection-not-found');
      const { branch } = await branchWithSettings(models, objection.branchId);
      authorize(actor, 'resolveObjection', recordOf(branch, objection.userId));
      return objection;
    },

    async open(branchId: Types.ObjectId, month: string) {
      return models.Objection.find({ branchId, month, status: 'open' }).lean<ObjectionRecord[]>();
    },

    /**
     * The secretary answers an objection; with `newOrgScore` the member's organisation score is
     * replaced (the answer is the reason) and the provisional result computed again.
     */
    async resolve(objectionId: string, actor: Actor, resolution: string, newOrgScore?: number) {
      const actorId = actor.userId;
      const objection = await models.Objection.findById(objectionId).lean<ObjectionRecord>();
      if (!objection || objection.status !== 'open') throw new ServiceError('error-objection-not-found');
      const { branch } = await branchWithSettings(models, objection.branchId);
      authorize(actor, 'resolveObjection', recordOf(branch, objection.userId));
      const answer = unwrap(validateText('outcome', resolution));
      let result: RatingResultRecord | null = null;
      if (newOrgScore !== undefined) {
        if (!Number.isInteger(newOrgScore) || newOrgScore < 0 || newOrgScore > 100)
          throw new ServiceError('error-action-unavailable');
        const stored = await models.RatingResult.findOne({
          branchId: objection.branchId,
          month: objection.month,
          memberId: objection.memberId,
        }).lean<RatingResultRecord>();
        if (!stored) throw new ServiceError('error-result-not-found', { month: objection.month });
        const inputs: MonthResultInputs = {
          ...stored.inputs,
          rating: { ...stored.inputs.rating, organisation: newOrgScore },
        };
        result = await models.RatingResult.findOneAndUpdate(
          { _id: stored._id, status: 'provisional' },
          { $set: { inputs, ...computeMonthResult(inputs), orgSource: 'reviewer', computedAt: clock() } },
          { returnDocument: 'after' },
        ).lean<RatingResultRecord>();
      }
      await models.Objection.updateOne(
        { _id: objection._id, status: 'open' },
        {
          $set: {
            status: 'resolved',
            resolution: answer,
            resolvedBy: actorId,
            resolvedAt: clock(),
            ...(newOrgScore !== undefined && { newOrgScore }),
          },
        },
      );
      return { objection, result };
    },

    /**
     * A stored result with everything it was computed from, and whether computing it again from
     * those inputs gives the same answer. Without a month: the member's latest result.
     */
    async why(branchId: Types.ObjectId, memberId: Types.ObjectId, month?: string) {
      const filter = { branchId, memberId, ...(month && { month }) };
      const result = await models.RatingResult.findOne(filter).sort({ month: -1 }).lean<RatingResultRecord>();
      if (!result)
        throw month
          ? new ServiceError('error-result-not-found', { month })
          : new ServiceError('error-result-none');
      const again = computeMonthResult(result.inputs);
      const stored = { computation: result.computation, after: result.after, change: result.change };
      const same = isDeepStrictEqual(JSON.parse(JSON.stringify(again)), JSON.parse(JSON.stringify(stored)));
      return { result, recomputed: again, same };
    },
  };
}
