import type { Types } from 'mongoose';
import { unwrap } from '../domain/errors.js';
import { suggestOrgScore } from '../domain/org-score.js';
import { sheetTotal, validateOrgScore, validateScoreSheet, type ScoreSheet } from '../domain/rating.js';
import { ruleSetFromSettings } from '../domain/rating-rules.js';
import { validateText } from '../domain/text.js';
import type { MemberRecord } from '../db/models/member.js';
import { putInBallotBox, ratedBy } from './ballot-box.js';
import { ServiceError } from './errors.js';
import { orgFactsFromStore, type OrgFactsSource } from './rating-facts.js';
import { branchWithSettings, roundIn, type RatingDeps } from './rating-round-support.js';
import { authorize, recordOf, type Actor } from './authorize.js';
import { can } from '../domain/roles.js';

/** The three kinds of rating in an open round: 自评, 群众测评 (anonymous), 组织考评. */
export function createRatingScores(deps: RatingDeps & { orgFacts?: OrgFactsSource }) {
  const { models } = deps;
  const orgFacts = deps.orgFacts ?? orgFactsFromStore(models);

  async function memberOf(branchId: Types.ObjectId, memberId: Types.ObjectId | string) {
    const member = await models.Member.findOne({
      _id: memberId,
      branchId,
      status: 'active',
    }).lean<MemberRecord>();
    if (!member) throw new ServiceError('error-not-member');
    return member;
  }

  async function suggestion(branchId: Types.ObjectId, month: string, memberId: Types.ObjectId) {
    const { settings } = await branchWithSettings(models, branchId);
    // While the round is open, overdue is judged as of now: an item due later this month is not.
    const facts = await orgFacts(branchId, [memberId], month, settings.timeZone, deps.clock());
    const f = facts.get(String(memberId))!;
    return { facts: f, ...suggestOrgScore(f, ruleSetFromSettings(settings).orgScore) };
  }

  const scores = {
    suggestion,

    /** A member's self-evaluation (党员自评); submitting again while open replaces it. */
    async selfEvaluate(
      branchId: Types.ObjectId,
      month: string,
      userId: number,
      sheet: ScoreSheet,
      remark?: string,
    ) {
      const { settings } = await branchWithSettings(models, branchId);
      const round = await roundIn(models, branchId, month, 'open');
      const member = await models.Member.findOne({ branchId, userId, status: 'active' }).lean<MemberRecord>();
      if (!member) throw new ServiceError('error-not-member');
      const valid = unwrap(validateScoreSheet(sheet, settings.dimensionMax));
      const note = remark?.trim() ? unwrap(validateText('comment', remark)) : undefined;
      await models.SelfEvaluation.updateOne(
        { roundId: round._id, memberId: member._id },
        { $set: { sheet: valid, ...(note && { remark: note }) } },
        { upsert: true },
      );
      return { member, sheet: valid, total: sheetTotal(valid) };
    },

    /**
     * An anonymous masses ballot (群众测评): the ballot and its rater go into the member's ballot
     * box in one write, at independent random positions (`putInBallotBox`), once per rater, member
     * and round. Not for oneself. Nothing else is written, so nothing stored pairs rater and ballot.
     */
    async castBallot(
      branchId: Types.ObjectId,
      month: string,
      raterUserId: number,
      memberId: string,
      sheet: ScoreSheet,
    ) {
      const { settings } = await branchWithSettings(models, branchId);
      const round = await roundIn(models, branchId, month, 'open');
      const member = await memberOf(branchId, memberId);
      if (member.userId === raterUserId) throw new ServiceError('error-ballot-self');
      const valid = unwrap(validateScoreSheet(sheet, settings.dimensionMax));
      const box = { roundId: round._id, memberId: member._id };
      const outcome = await putInBallotBox(models, box, raterUserId, {
        sheet: valid,
        total: sheetTotal(valid),
      });
      if (outcome === 'duplicate')
        throw new ServiceError('error-ballot-duplicate', { name: member.realName });
      return { member };
    },

    /** Members of the round a rater may still rate (everyone active but themself and those done). */
    async ballotCandidates(branchId: Types.ObjectId, month: string, raterUserId: number) {
      const round = await roundIn(models, branchId, month, 'open');
      const doneIds = await ratedBy(models, round._id, raterUserId);
      const members = await models.Member.find({ branchId, status: 'active' })
        .sort({ realName: 1 })
        .lean<MemberRecord[]>();
      return members.filter((m) => m.userId !== raterUserId && !doneIds.has(String(m._id)));
    },

    /** The organisation score (组织考评) by the secretary or 支委: the suggestion, or another score with a reason. */
    async orgEvaluate(
      branchId: Types.ObjectId,
      month: string,
      actor: Actor,
      memberId: string,
      score: number,
      reason?: string,
    ) {
      const actorId = actor.userId;
      const { branch } = await branchWithSettings(models, branchId);
      authorize(actor, 'scoreMember');
      const round = await roundIn(models, branchId, month, 'open');
      const member = await memberOf(branchId, memberId);
      authorize(actor, 'scoreMember', recordOf(branch, member.userId));
      const s = await suggestion(branchId, month, member._id);
      const valid = unwrap(validateOrgScore(score, s.score, reason));
      const set = { score: valid.score, suggested: s.score, facts: s.facts, byUserId: actorId };
      const update = valid.reason
        ? { $set: { ...set, reason: valid.reason } }
        : { $set: set, $unset: { reason: 1 } };
      await models.OrgEvaluation.updateOne({ roundId: round._id, memberId: member._id }, update, {
        upsert: true,
      });
      return { member, score: valid.score, suggested: s.score };
    },

    /**
     * The members the actor may still give an organisation score this round: not yet scored, and
     * never the actor themselves (the secretary's own score comes from a 支委). `ownByCommittee`
     * says the actor is left out although a member.
     */
    async orgCandidates(branchId: Types.ObjectId, month: string, actor: Actor) {
      const { branch } = await branchWithSettings(models, branchId);
      authorize(actor, 'scoreMember');
      const { noOrg } = await scores.pending(branchId, month);
      return noOrg.filter((m) => can(actor, 'scoreMember', recordOf(branch, m.userId)));
    },

    /** Who has not self-evaluated, and whom the organisation has not scored yet. */
    async pending(branchId: Types.ObjectId, month: string) {
      const round = await models.RatingRound.findOne({ branchId, month }).lean();
      const members = await models.Member.find({ branchId, status: 'active' }).lean<MemberRecord[]>();
      if (!round) return { noSelf: members, noOrg: members };
      const [selfs, orgs] = await Promise.all([
        models.SelfEvaluation.find({ roundId: round._id }, { memberId: 1 }).lean(),
        models.OrgEvaluation.find({ roundId: round._id }, { memberId: 1 }).lean(),
      ]);
      const has = (rows: { memberId: Types.ObjectId }[]) => new Set(rows.map((r) => String(r.memberId)));
      const self = has(selfs);
      const org = has(orgs);
      return {
        noSelf: members.filter((m) => !self.has(String(m._id))),
        noOrg: members.filter((m) => !org.has(String(m._id))),
      };
    },
  };
  return scores;
}
