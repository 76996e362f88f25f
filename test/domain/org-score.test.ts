import { describe, expect, it } from 'vitest';
import { suggestOrgScore, type OrgScoreFacts } from '../../src/domain/org-score.js';
import { DEFAULT_ORG_SCORE_RULE } from '../../src/domain/rating-rules.js';

const none: OrgScoreFacts = {
  verifiedDeeds: 0,
  pledgeItemsDone: 0,
  pledgeItemsOverdue: 0,
  upheldComplaints: 0,
  praise: 0,
};

describe('suggestOrgScore (base 75; deeds +2 to +10; items done +3 to +9; praise +2 to +6; overdue −5 to −20; upheld complaint −5)', () => {
  it.each([
    [{}, 75],
    [{ verifiedDeeds: 3 }, 81],
    [{ verifiedDeeds: 9 }, 85],
    [{ pledgeItemsDone: 2 }, 81],
    [{ pledgeItemsDone: 5 }, 84],
    [{ praise: 1 }, 77],
    [{ praise: 10 }, 81],
    [{ pledgeItemsOverdue: 1 }, 70],
    [{ pledgeItemsOverdue: 10 }, 55],
    [{ upheldComplaints: 2 }, 65],
    [{ verifiedDeeds: 5, pledgeItemsDone: 3, praise: 3 }, 100],
    [{ verifiedDeeds: 9, pledgeItemsDone: 9, praise: 9, upheldComplaints: 1 }, 95],
    [{ pledgeItemsOverdue: 9, upheldComplaints: 20 }, 0],
  ])('%j → %d', (facts, score) => {
    expect(suggestOrgScore({ ...none, ...facts }, DEFAULT_ORG_SCORE_RULE).score).toBe(score);
  });

  it('explains every point', () => {
    const s = suggestOrgScore({ ...none, verifiedDeeds: 2, pledgeItemsOverdue: 1 }, DEFAULT_ORG_SCORE_RULE);
    expect(s.lines.find((l) => l.fact === 'verifiedDeeds')).toEqual({
      fact: 'verifiedDeeds',
      count: 2,
      points: 4,
    });
    expect(s.lines.find((l) => l.fact === 'pledgeItemsOverdue')).toEqual({
      fact: 'pledgeItemsOverdue',
      count: 1,
      points: -5,
    });
    expect(s.lines.reduce((a, l) => a + l.points, 0)).toBe(s.score);
  });
});
