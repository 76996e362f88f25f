import { describe, expect, it } from 'vitest';
import { countTopTen } from '../../src/domain/top-ten.js';

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
