import { describe, expect, it } from 'vitest';
import { countTopTen, topTenSetup } from '../../src/domain/top-ten.js';

const b = (...choices: string[]) => ({ choices });

describe('countTopTen', () => {
  it.each<
    [
      string,
      string[],
      ReturnType<typeof b>[],
      number,
      number,
      Array<[string, number, number, boolean]>,
      number,
    ]
  >([
    [
      'no ballots: nobody elected',
      ['a', 'b'],
      [],
      3,
      10,
      [
        ['a', 0, 1, false],
        ['b', 0, 1, false],
      ],
      0,
    ],
    [
      'counts each choice once per ballot',
      ['a', 'b', 'c'],
      [b('a', 'b'), b('a'), b('c', 'a')],
      2,
      10,
      [
        ['a', 3, 1, true],
        ['b', 1, 2, true],
        ['c', 1, 2, true],
      ],
      0,
    ],
    [
      'too many choices: the whole ballot is void',
      ['a', 'b', 'c'],
      [b('a', 'b', 'c'), b('b')],
      2,
      10,
      [
        ['b', 1, 1, true],
        ['a', 0, 2, false],
        ['c', 0, 2, false],
      ],
      1,
    ],
    [
      'a duplicate or unknown choice voids the ballot',
      ['a', 'b'],
      [b('a', 'a'), b('x'), b(), b('b')],
      2,
      10,
      [
        ['b', 1, 1, true],
        ['a', 0, 2, false],
      ],
      3,
    ],
    [
      'ties at the last seat are all elected',
      ['a', 'b', 'c', 'd'],
      [b('a'), b('a'), b('b'), b('c'), b('d')],
      1,
      2,
      [
        ['a', 2, 1, true],
        ['b', 1, 2, true],
        ['c', 1, 2, true],
        ['d', 1, 2, true],
      ],
      0,
    ],
    [
      'below the last seat: not elected',
      ['a', 'b', 'c'],
      [b('a'), b('a'), b('b'), b('b'), b('c')],
      1,
      2,
      [
        ['a', 2, 1, true],
        ['b', 2, 1, true],
        ['c', 1, 3, false],
      ],
      0,
    ],
  ])('%s', (_, candidates, ballots, maxChoices, seats, want, voids) => {
    const r = countTopTen(candidates, ballots, maxChoices, seats);
    expect(r.counts.map((c) => [c.candidateId, c.votes, c.rank, c.elected])).toEqual(want);
    expect([r.valid, r.void]).toEqual([ballots.length - voids, voids]);
  });

  it('does not depend on the order of the ballots', () => {
    const ballots = [b('a', 'b'), b('c'), b('b'), b('a'), b('c', 'b')];
    const one = countTopTen(['a', 'b', 'c'], ballots, 2);
    const two = countTopTen(['c', 'b', 'a'], [...ballots].reverse(), 2);
    expect(two).toEqual(one);
  });
});

describe('topTenSetup (top-ten/2026.1)', () => {
  const m = (memberId: string, stars: number, average: number | null) => ({
    memberId,
    stars,
    maxStars: 5,
    average,
  });
  it.each([
    [
      'nobody rated: no candidates, no seats',
      [m('a', 5, null)],
      10,
      { candidates: [], seats: 0, maxChoices: 0 },
    ],
    [
      'a small branch: all rated members, half the seats rounded up',
      [m('a', 1, 80), m('b', 2, 90), m('c', 0, 85)],
      10,
      { candidates: ['b', 'c', 'a'], seats: 2, maxChoices: 2 },
    ],
    [
      'full stars first, then the averages, then the id',
      [m('a', 3, 99), m('b', 5, 81), m('c', 3, 99), m('d', 5, 95)],
      10,
      { candidates: ['d', 'b', 'a', 'c'], seats: 2, maxChoices: 2 },
    ],
    [
      'at most twice the seats, but every full-star member',
      [m('a', 5, 70), m('b', 5, 71), m('c', 5, 72), m('d', 4, 99), m('e', 4, 98)],
      1,
      { candidates: ['c', 'b', 'a'], seats: 1, maxChoices: 1 },
    ],
    [
      'twice the seats when few are at full stars',
      [m('a', 1, 70), m('b', 1, 71), m('c', 1, 72), m('d', 1, 99), m('e', 1, 98)],
      2,
      { candidates: ['d', 'e', 'c', 'b'], seats: 2, maxChoices: 2 },
    ],
  ])('%s', (_name, members, seats, want) => {
    expect(topTenSetup(members, seats)).toEqual(want);
  });
});
