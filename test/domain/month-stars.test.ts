import { describe, expect, it } from 'vitest';
import {
  MONTH_STARS_RULE,
  selectMonthStars,
  type MonthStarsRule,
  type StarCandidate,
} from '../../src/domain/month-stars.js';

const c = (
  memberId: string,
  branchId: string,
  total: number,
  o: Partial<StarCandidate> = {},
): StarCandidate => ({
  memberId,
  branchId,
  total,
  passed: total >= 80,
  deedsVerified: 0,
  stars: 1,
  ...o,
});

const rule: MonthStarsRule = { ...MONTH_STARS_RULE, count: 3, perBranch: 2, minTotal: 85 };

describe('selectMonthStars (passed, total ≥ 85, best first, ≤ 2 per branch, ≤ 3 in all)', () => {
  it.each([
    {
      name: 'best totals first',
      list: [c('m1', 'a', 86), c('m2', 'b', 95), c('m3', 'c', 90)],
      want: ['m2', 'm3', 'm1'],
    },
    {
      name: 'below the threshold or failed: not a star',
      list: [c('m1', 'a', 84.99), c('m2', 'b', 90, { passed: false })],
      want: [],
    },
    { name: 'at the threshold: a star', list: [c('m1', 'a', 85)], want: ['m1'] },
    {
      name: 'at most two per branch, the next branch takes the place',
      list: [c('m1', 'a', 99), c('m2', 'a', 98), c('m3', 'a', 97), c('m4', 'b', 86)],
      want: ['m1', 'm2', 'm4'],
    },
    {
      name: 'at most three in all',
      list: [c('m1', 'a', 99), c('m2', 'b', 98), c('m3', 'c', 97), c('m4', 'd', 96)],
      want: ['m1', 'm2', 'm3'],
    },
    {
      name: 'equal totals: more verified deeds, then more stars, then the lower member id',
      list: [
        c('m4', 'a', 90, { deedsVerified: 1, stars: 5 }),
        c('m3', 'b', 90, { deedsVerified: 2, stars: 1 }),
        c('m2', 'c', 90, { deedsVerified: 1, stars: 2 }),
        c('m1', 'd', 90, { deedsVerified: 1, stars: 2 }),
      ],
      want: ['m3', 'm4', 'm1'],
    },
    { name: 'nobody', list: [], want: [] },
  ])('$name', ({ list, want }) => {
    expect(selectMonthStars(list, rule).map((s) => s.memberId)).toEqual(want);
  });

  it('does not depend on the input order and does not change it', () => {
    const list = [c('m1', 'a', 90), c('m2', 'b', 91), c('m3', 'a', 92), c('m4', 'a', 93)];
    const copy = [...list];
    expect(selectMonthStars(list, rule)).toEqual(selectMonthStars([...list].reverse(), rule));
    expect(list).toEqual(copy);
  });

  it('recomputes to the same answer from its stored inputs and rule (a JSON round trip)', () => {
    const list = [
      c('m1', 'a', 88.5, { deedsVerified: 3 }),
      c('m2', 'b', 88.5, { deedsVerified: 4 }),
      c('m3', 'b', 70),
    ];
    const stored = JSON.parse(
      JSON.stringify({ list, rule: MONTH_STARS_RULE, result: selectMonthStars(list) }),
    );
    expect(selectMonthStars(stored.list, stored.rule)).toEqual(stored.result);
    expect(stored.result.map((s: StarCandidate) => s.memberId)).toEqual(['m2', 'm1']);
  });
});
