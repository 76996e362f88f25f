import { describe, expect, it } from 'vitest';
import {
  computeRedFlag,
  rankBranch,
  RED_FLAG_RULE,
  RED_FLAG_RULE_VERSION,
  type BranchFigures,
  type RedFlagRule,
} from '../../src/domain/red-flag.js';

const fig = (branchId: string, o: Partial<BranchFigures> = {}): BranchFigures => ({
  branchId,
  rated: 10,
  averageScore: 80,
  passed: 8,
  selfRated: 10,
  deedsVerified: 5,
  overdueItems: 0,
  ...o,
});

describe('rankBranch (index = 60% average + 25% participation + 15% overdue score)', () => {
  it.each([
    // [figures, participation, overdueScore, index]
    [fig('a'), 100, 100, 88],
    [fig('a', { averageScore: 90, selfRated: 5 }), 50, 100, 81.5],
    [fig('a', { overdueItems: 5 }), 100, 50, 80.5],
    [fig('a', { overdueItems: 30 }), 100, 0, 73],
    [fig('a', { rated: 3, selfRated: 2, averageScore: 85.33, overdueItems: 1 }), 66.67, 66.67, 77.87],
    [fig('a', { rated: 0, selfRated: 0, averageScore: 0 }), 0, 100, 15],
  ])('%j → participation %d, overdue score %d, index %d', (f, participation, overdueScore, index) => {
    const r = rankBranch(f, RED_FLAG_RULE);
    expect(r).toMatchObject({ participation, overdueScore, index });
  });

  it('weights come from the rule', () => {
    const rule: RedFlagRule = {
      ...RED_FLAG_RULE,
      weights: { averageScore: 100, participation: 0, overdue: 0 },
    };
    expect(rankBranch(fig('a', { averageScore: 77.7, selfRated: 0 }), rule).index).toBe(77.7);
  });
});

describe('computeRedFlag', () => {
  it.each([
    {
      name: 'the highest index wins, no tie',
      figures: [fig('a', { averageScore: 70 }), fig('b', { averageScore: 90 }), fig('c')],
      previous: null,
      winner: 'b',
      order: ['b', 'c', 'a'],
      tie: null,
    },
    {
      name: 'equal index: the higher average score',
      // a: 60*90 + 25*40 + 15*100 = 7900; b: 60*80 + 25*64 + 15*100 = 7900
      figures: [
        fig('a', { averageScore: 80, selfRated: 10 * 0.64 }),
        fig('b', { averageScore: 90, selfRated: 4 }),
      ],
      previous: null,
      winner: 'b',
      order: ['b', 'a'],
      tie: 'averageScore',
    },
    {
      name: 'equal index and average: the higher participation',
      // a: 25*100 + 15*50 = 3250; b: 25*70 + 15*100 = 3250 (average the same)
      figures: [fig('a', { overdueItems: 5 }), fig('b', { selfRated: 7 })],
      previous: null,
      winner: 'a',
      order: ['a', 'b'],
      tie: 'participation',
    },
    {
      name: 'identical figures: the branch that did not hold the flag before',
      figures: [fig('a'), fig('b')],
      previous: 'a',
      winner: 'b',
      order: ['b', 'a'],
      tie: 'notPreviousHolder',
    },
    {
      name: 'identical figures, no previous holder: the lower branch id',
      figures: [fig('b'), fig('a')],
      previous: null,
      winner: 'a',
      order: ['a', 'b'],
      tie: 'branchId',
    },
    {
      name: 'a branch with no results cannot win, however its index reads',
      figures: [
        fig('a', { rated: 0, selfRated: 0, averageScore: 0 }),
        fig('b', { averageScore: 10, selfRated: 0, overdueItems: 10 }),
      ],
      previous: null,
      winner: 'b',
      order: ['b', 'a'],
      tie: null,
    },
    {
      name: 'nobody eligible: no winner',
      figures: [fig('a', { rated: 0, selfRated: 0 })],
      previous: null,
      winner: null,
      order: ['a'],
      tie: null,
    },
    { name: 'no branches: no winner', figures: [], previous: null, winner: null, order: [], tie: null },
  ])('$name', ({ figures, previous, winner, order, tie }) => {
    const r = computeRedFlag({ figures, previousHolderId: previous });
    expect(r.version).toBe(RED_FLAG_RULE_VERSION);
    expect(r.winnerId).toBe(winner);
    expect(r.ranking.map((x) => x.branchId)).toEqual(order);
    expect(r.tieBrokenBy).toBe(tie);
  });

  it('does not depend on the order the figures come in', () => {
    const figures = [fig('a'), fig('b', { averageScore: 88 }), fig('c', { overdueItems: 3 }), fig('d')];
    const one = computeRedFlag({ figures, previousHolderId: 'd' });
    const two = computeRedFlag({ figures: [...figures].reverse(), previousHolderId: 'd' });
    expect(two).toEqual(one);
    expect(one.winnerId).toBe('b');
  });

  it('recomputes to the same answer from its stored inputs and rule (a JSON round trip)', () => {
    const inputs = {
      figures: [
        fig('x', { averageScore: 83.25, selfRated: 9 }),
        fig('y', { averageScore: 83.25, selfRated: 9 }),
      ],
      previousHolderId: 'x',
    };
    const first = computeRedFlag(inputs, RED_FLAG_RULE);
    const stored = JSON.parse(JSON.stringify({ inputs, rule: RED_FLAG_RULE, result: first }));
    expect(computeRedFlag(stored.inputs, stored.rule)).toEqual(stored.result);
    expect(first.winnerId).toBe('y');
  });
});
