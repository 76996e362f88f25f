import { randomInt } from 'node:crypto';
import type { Types } from 'mongoose';
import { countTopTen, TOP_TEN_RULE_VERSION, topTenSetup } from '../domain/top-ten.js';
import type { MemberRecord } from '../db/models/member.js';
import type { TopTenVoteRecord } from '../db/models/top-ten-vote.js';
import { createAudit } from './audit.js';
import { ServiceError } from './errors.js';
import { authorize, type Actor } from './authorize.js';
import { branchWithSettings, type RatingDeps } from './rating-round-support.js';
import { memberYears } from './year-results.js';

/** Tries before giving up when other ballots keep arriving at the same moment. */
const MAX_TRIES = 50;

/**
 * The top-ten vote (十佳) of a branch's year: opened by the secretary with candidates by rule,
 * cast anonymously by anyone in the group (the bot checks membership of the group), counted
 * only at closing. Opening and closing are audited; casting writes nothing but the ballot box.
 */
export function createTopTenService({ models, clock }: RatingDeps) {
  const audit = createAudit(models, clock);

  async function names(ids: readonly string[]) {
    const members = await models.Member.find({ _id: { $in: ids } })
      .select({ realName: 1 })
      .lean<Pick<MemberRecord, '_id' | 'realName'>[]>();
    return new Map(members.map((m) => [String(m._id), m.realName]));
  }

  return {
    /** Opens the year's vote (once): candidates from stars and the year's final results. */
    async open(branchId: Types.ObjectId, actor: Actor, year: number) {
      const actorId = actor.userId;
      const { settings } = await branchWithSettings(models, branchId);
      authorize(actor, 'runTopTen');
      if (await models.TopTenVote.exists({ branchId, year })) throw new ServiceError('error-topten-exists');
      const setup = topTenSetup(
        (await memberYears(models, branchId, year)).map(({ member: m, months }) => ({
          memberId: String(m._id),
          stars: m.stars,
          maxStars: settings.maxStars,
          average: months.length ? months.reduce((a, b) => a + b.total, 0) / months.length : null,
        })),
      );
      if (setup.candidates.length < 2) throw new ServiceError('error-topten-no-candidates');
      const vote = await models.TopTenVote.create({
        branchId,
        year,
        status: 'open',
        ruleVersion: TOP_TEN_RULE_VERSION,
        ...setup,
        voters: [],
        ballots: [],
        size: 0,
      }).catch((err: unknown) => {
        if ((err as { code?: number }).code === 11000) throw new ServiceError('error-topten-exists');
        throw err;
      });
      await audit({ branchId, actorId, action: 'topten.open', target: String(year), after: setup });
      return { vote: vote.toObject() as TopTenVoteRecord, names: await names(setup.candidates) };
    },

    /** A vote by id with its candidates' names (what the ballot shows). */
    async ballotOf(voteId: string) {
      if (!/^[0-9a-f]{24}$/.test(voteId)) return null;
      const vote = await models.TopTenVote.findById(voteId, {
        voters: 0,
        ballots: 0,
      }).lean<TopTenVoteRecord>();
      return vote ? { vote, names: await names(vote.candidates) } : null;
    },

    /** Whether this person has voted (what the ballot says before they choose). */
    async hasVoted(voteId: Types.ObjectId, userId: number): Promise<boolean> {
      return Boolean(await models.TopTenVote.exists({ _id: voteId, voters: userId }));
    },

    /**
     * Casts a ballot: the voter and the choices go into the vote in one write, each at its own
     * random position; a second ballot of the same person is refused. `choices` are indexes into
     * the candidates. Acknowledged means journaled: the voter is told only after this returns.
     */
    async cast(
      voteId: Types.ObjectId,
      userId: number,
      choices: readonly number[],
    ): Promise<'cast' | 'duplicate'> {
      for (let i = 0; i < MAX_TRIES; i++) {
        const vote = await models.TopTenVote.findById(voteId, { ballots: 0 }).lean<TopTenVoteRecord>();
        if (!vote || vote.status !== 'open') throw new ServiceError('error-topten-closed');
        if (vote.voters.includes(userId)) return 'duplicate';
        const picked = choices.map((c) => vote.candidates[c]);
        if (
          picked.length === 0 ||
          picked.length > vote.maxChoices ||
          new Set(picked).size !== picked.length ||
          picked.some((c) => c === undefined)
        )
          throw new ServiceError('error-topten-choices');
        const n = vote.size;
        const res = await models.TopTenVote.updateOne(
          { _id: voteId, status: 'open', size: n, voters: { $ne: userId } },
          {
            $push: {
              ballots: { $each: [{ choices: picked as string[] }], $position: randomInt(n + 1) },
              voters: { $each: [userId], $position: randomInt(n + 1) },
            },
            $inc: { size: 1 },
          },
        );
        if (res.modifiedCount === 1) return 'cast';
      }
      throw new Error(`top-ten vote ${String(voteId)}: too many concurrent casts`);
    },

    /** Closes the year's vote once and counts it (audited); the counts with names, most votes first. */
    async close(branchId: Types.ObjectId, actor: Actor, year: number) {
      const actorId = actor.userId;
      await branchWithSettings(models, branchId);
      authorize(actor, 'runTopTen');
      const vote = await models.TopTenVote.findOneAndUpdate(
        { branchId, year, status: 'open' },
        { $set: { status: 'closed' } },
        { new: true },
      ).lean<TopTenVoteRecord>();
      if (!vote) throw new ServiceError('error-topten-not-open');
      const result = countTopTen(vote.candidates, vote.ballots, vote.maxChoices, vote.seats);
      await models.TopTenVote.updateOne({ _id: vote._id }, { $set: { result } });
      await audit({ branchId, actorId, action: 'topten.close', target: String(year), after: result });
      return { vote, result, names: await names(vote.candidates) };
    },

    /** The branch's open vote of the year, if any. */
    async openVote(branchId: Types.ObjectId, year: number) {
      return models.TopTenVote.findOne(
        { branchId, year, status: 'open' },
        { voters: 0, ballots: 0 },
      ).lean<TopTenVoteRecord>();
    },
  };
}
export type TopTenService = ReturnType<typeof createTopTenService>;
