import { objectionButtons } from './callback-data/buttons.js';
import type { Api } from 'grammy';
import { Types } from 'mongoose';
import type { BallotActions } from '../../scenes/rating-ballot.js';
import type { OrgActions } from '../../scenes/rating-org.js';
import type { RatingDialogActions } from '../../scenes/rating-self.js';
import type { ObjectionActions } from '../../scenes/objection.js';
import type { CommentActions } from '../../scenes/comment.js';
import type { MemberRecord } from '../db/models/member.js';
import type { AppServices } from '../services/index.js';
import { monthLabel, quarterLabel } from '../domain/locale-format.js';
import type { Translator } from '../i18n.js';
import type { Actors } from './actor.js';
import type { Notifier } from './notify.js';
import { ServiceError } from '../services/errors.js';

const oid = (id: string) => new Types.ObjectId(id);
const label = (m: MemberRecord) => `${m.realName} · ${m.post}`;

export interface RatingBotDeps {
  services: AppServices;
  i18n: Translator;
  api: () => Api;
  actors: Actors;
  notify: Notifier;
}

/** What the rating dialogs do, on the services; the dialogs themselves never see a model. */
export function createRatingActions({ services, i18n, api, actors, notify }: RatingBotDeps) {
  /** The acting person in the branch, with their rights in its group now. */
  async function actorIn(branchId: string, userId: number) {
    const branch = await services.branches.byId(branchId);
    if (!branch?.active) throw new ServiceError('error-branch-not-bound');
    return actors.of(api(), branch, userId);
  }
  const self: RatingDialogActions = {
    async selfEvaluate(args, userId, sheet, remark) {
      return (await services.ratingScores.selfEvaluate(oid(args.branchId), args.month, userId, sheet, remark))
        .total;
    },
  };
  const ballot: BallotActions = {
    async candidates(args, raterUserId) {
      const list = await services.ratingScores.ballotCandidates(oid(args.branchId), args.month, raterUserId);
      return list.map((m) => ({ id: String(m._id), label: label(m), name: m.realName }));
    },
    async cast(args, raterUserId, memberId, sheet) {
      await services.ratingScores.castBallot(oid(args.branchId), args.month, raterUserId, memberId, sheet);
    },
  };
  const org: OrgActions = {
    async members(args, actorId) {
      const actor = await actorIn(args.branchId, actorId);
      const left = await services.ratingScores.orgCandidates(oid(args.branchId), args.month, actor);
      return left.map((m) => ({ id: String(m._id), label: label(m), name: m.realName }));
    },
    async suggestion(args, memberId, locale) {
      const s = await services.ratingScores.suggestion(oid(args.branchId), args.month, oid(memberId));
      const lines = s.lines.map((l) =>
        i18n.t(locale, `org-line-${l.fact}`, { count: l.count, points: l.points }),
      );
      return { score: s.score, lines };
    },
    async save(args, actorId, memberId, score, reason) {
      await services.ratingScores.orgEvaluate(
        oid(args.branchId),
        args.month,
        await actorIn(args.branchId, actorId),
        memberId,
        score,
        reason,
      );
    },
  };
  const objection: ObjectionActions = {
    async file(branchId, month, userId, text) {
      const {
        objection: o,
        member,
        answeredBy,
      } = await services.objections.file(oid(branchId), month, userId, text);
      const branch = await services.branches.byId(branchId);
      if (!branch) throw new ServiceError('error-branch-not-bound');
      // The secretary, or for the secretary's own objection the 支委 (see objectionHandlers).
      for (const to of answeredBy) {
        await notify.toUser(
          branch,
          to,
          `objection-filed:${String(o._id)}:${to}`,
          (t, locale) =>
            t('objection-notify-secretary', {
              name: member.realName,
              month: monthLabel(month, locale),
              text: o.text,
            }),
          {
            html: false,
            buttons: (t) => [
              [{ text: t('objection-button-resolve'), callbackData: objectionButtons.pack('obj', o._id) }],
            ],
          },
        );
      }
    },
    async resolve(objectionId, actorId, answer, newOrgScore) {
      const branchId = String((await services.objections.branchOf(objectionId))._id);
      const actor = await actorIn(branchId, actorId);
      const { objection: o } = await services.objections.resolve(objectionId, actor, answer, newOrgScore);
      const branch = await services.branches.byId(String(o.branchId));
      if (!branch) throw new ServiceError('error-branch-not-bound');
      // An objection is resolved once.
      await notify.toUser(
        branch,
        o.userId,
        `objection-answered:${String(o._id)}`,
        (t, locale) => t('objection-answer-to-member', { month: monthLabel(o.month, locale), answer }),
        { html: false },
      );
    },
  };

  const comment: CommentActions = {
    async pending(branchId, actorId) {
      const p = await services.commentary.pending(oid(branchId), await actorIn(branchId, actorId));
      return {
        quarter: p.quarter,
        members: p.members.map((m) => ({ id: String(m._id), label: label(m), name: m.realName })),
      };
    },
    async write(branchId, actorId, memberId, text) {
      const actor = await actorIn(branchId, actorId);
      const { member, quarter } = await services.commentary.write(oid(branchId), actor, memberId, text);
      const branch = await services.branches.byId(branchId);
      if (!branch) throw new ServiceError('error-branch-not-bound');
      await notify.toUser(
        branch,
        member.userId,
        notify.eventKey(`commentary-${quarter}`, String(member._id)),
        (t, locale) =>
          t('comment-to-member', { quarter: quarterLabel(quarter, locale), branch: branch.name, text }),
        { html: false },
      );
    },
  };

  /** The user's active memberships whose branch has a round in the given status. */
  async function roundsOfUser(userId: number, status: 'open' | 'provisional') {
    const cards = await services.members.cardsOfUser(userId);
    const out = [];
    for (const { member, branch } of cards.filter((c) => c.member.status === 'active')) {
      const round =
        status === 'open'
          ? await services.rounds.open(branch._id)
          : await services.rounds.latest(branch._id, status);
      if (round) out.push({ member, branch, month: round.month });
    }
    return out;
  }
  return { self, ballot, org, objection, comment, roundsOfUser };
}
export type RatingActions = ReturnType<typeof createRatingActions>;
