import { describe, expect, it } from 'vitest';
import { isOverdue, overdueCutoff, suggestOrgScore, type OrgScoreFacts } from '../../src/domain/org-score.js';
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

describe("overdue: due date passed as of the round's close (branch zone), never past the rated month", () => {
  const TZ = 'Asia/Shanghai';
  it.each([
    // month, asOf (UTC), due date, overdue?
    ['2026-12', '2026-12-05T02:00:00Z', '2026-12-31', false], // the case: due later this month
    ['2026-12', '2026-12-05T02:00:00Z', '2026-12-05', false], // due today: not passed yet
    ['2026-12', '2026-12-05T02:00:00Z', '2026-12-04', true],
    ['2026-12', '2026-12-04T16:30:00Z', '2026-12-04', true], // 00:30 on the 5th in Shanghai
    ['2026-12', '2026-12-04T15:30:00Z', '2026-12-04', false], // 23:30 on the 4th in Shanghai
    ['2026-11', '2026-12-01T01:00:00Z', '2026-11-30', true], // scheduled close, 1 Dec 09:00
    ['2026-11', '2026-12-01T01:00:00Z', '2026-12-01', false],
    ['2026-11', '2026-12-03T01:00:00Z', '2026-12-02', false], // late close: next month's item
    ['2026-11', '2026-12-03T01:00:00Z', '2026-11-30', true],
  ])('%s round as of %s: due %s → %s', (month, asOf, due, overdue) => {
    expect(isOverdue(due, overdueCutoff(month, new Date(asOf), TZ))).toBe(overdue);
  });
});
