import { randomInt } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluationReads } from '../../src/services/rating-results.js';
import { changedDocs, mentions, snapshotStore } from '../support/store-snapshot.js';
import { ratingFixture, sheetOf } from './rating-fixture.js';

type Fixture = Awaited<ReturnType<typeof ratingFixture>>;
let fx: Fixture | undefined;
afterAll(() => fx?.cleanup());

const M = '2026-11';
const RATERS = 20;
const MEMBERS = 40;

/** A shuffled copy (Fisher–Yates). */
const shuffled = <T>(xs: T[]) => {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
};

/**
 * The attack of issue 10, as a curious secretary with a backup would run it: 20 ballots per member
 * are cast in a known order (each rater's total is their own, so the truth is known), then every
 * pairing the stored records allow is tried. Under a random order a pairing of 20 hits about 1 by
 * chance (a Poisson(1) count per member), so over 40 members about 40 of 800 in all, sd ≈ 6.3;
 * the insertion order the boxes replaced hit all 800. The bound 75 (40 + 5.5 sd) fails by bad luck
 * with a probability below 1e-6 and catches any order that leaks even a tenth of the truth.
 */
describe('ballots cannot be paired with their raters from the stored records', () => {
  it('every pairing by order, position or reversal is no better than chance; results are exact', async () => {
    fx = await ratingFixture();
    const branch = await fx.branch(1);
    const members = [];
    for (let i = 0; i < MEMBERS; i++) members.push(await fx.member(branch._id, 10_000 + i));
    const raters = Array.from({ length: RATERS }, (_, i) => 20_000 + i);
    const totalOf = (rater: number) => 4 * (rater - 20_000); // distinct per rater: the truth
    await fx.rounds.open(branch._id, M, { asOf: new Date('2026-11-28T01:00:00Z') });
    const db = fx.models.BallotBox.db.db!;
    const before = await snapshotStore(db);

    const castOrder = new Map<string, number[]>();
    for (const m of members) {
      const order = shuffled(raters);
      castOrder.set(String(m._id), order);
      for (const r of order)
        await fx.scores.castBallot(branch._id, M, r, String(m._id), sheetOf(totalOf(r) / 4));
    }
    const after = await snapshotStore(db);

    // Nothing but the ballot boxes changed, and nothing outside them names a rater.
    const changes = changedDocs(before, after);
    expect(new Set(changes.map((c) => c.collection))).toEqual(new Set(['ballotboxes']));
    const outside = new Map([...after].filter(([name]) => name !== 'ballotboxes'));
    for (const r of raters) expect(mentions(outside, r)).toBe(false);

    // The attacks: pair the i-th rater with the i-th ballot (as stored, reversed, shifted), and the
    // k-th cast (known to the attacker who watched the order) with the k-th stored ballot.
    const hits = { stored: 0, reversed: 0, shifted: 0, castOrder: 0 };
    const boxes = await db.collection('ballotboxes').find({}).toArray();
    expect(boxes).toHaveLength(MEMBERS);
    for (const box of boxes) {
      const ratersStored = box.raters as number[];
      const totals = (box.entries as Array<{ total: number }>).map((e) => e.total);
      const order = castOrder.get(String(box.memberId))!;
      expect(Object.keys(box).sort()).toEqual(['_id', 'entries', 'memberId', 'raters', 'roundId', 'size']);
      for (let i = 0; i < RATERS; i++) {
        if (totalOf(ratersStored[i]!) === totals[i]) hits.stored++;
        if (totalOf(ratersStored[RATERS - 1 - i]!) === totals[i]) hits.reversed++;
        if (totalOf(ratersStored[(i + 1) % RATERS]!) === totals[i]) hits.shifted++;
        if (totalOf(order[i]!) === totals[i]) hits.castOrder++;
      }
    }
    for (const [attack, n] of Object.entries(hits)) expect(n, attack).toBeLessThan(75);

    // Results still come from exactly the ballots cast.
    const read = await evaluationReads(fx.models).ballots(
      (await fx.models.RatingRound.findOne({}).lean())!._id,
    );
    expect(read).toHaveLength(MEMBERS * RATERS);
    for (const m of members) {
      const totals = read.filter((b) => String(b.memberId) === String(m._id)).map((b) => b.total);
      expect(totals.sort((a, b) => a - b)).toEqual(raters.map(totalOf));
    }
  }, 180_000);
});
