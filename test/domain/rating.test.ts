import { describe, expect, it } from 'vitest';
import {
  computeRating,
  parseDimensionScore,
  validateOrgScore,
  validateScoreSheet,
  type ScoreSheet,
} from '../../src/domain/rating.js';
import { ruleSetFromSettings, RULE_SET_VERSION } from '../../src/domain/rating-rules.js';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.js';

const rules = ruleSetFromSettings(DEFAULT_SETTINGS);
const sheet = (p: number, w: number, s: number, e: number): ScoreSheet => ({
  political: p,
  performance: w,
  service: s,
  exemplary: e,
});

describe('parseDimensionScore', () => {
  it.each([
    ['0', 25, 0],
    ['25', 25, 25],
    [' ２０ ', 25, 20],
  ])('%j of max %d is %d', (text, max, value) => {
    expect(parseDimensionScore(text, max)).toEqual({ ok: true, value });
  });
  it.each([
    ['26', 25, 'error-rating-score-out-of-range'],
    ['-1', 25, 'error-rating-score-not-integer'],
    ['2.5', 25, 'error-rating-score-not-integer'],
    ['abc', 25, 'error-rating-score-not-integer'],
    ['', 25, 'error-rating-score-not-integer'],
  ])('%j of max %d fails with %s', (text, max, key) => {
    const r = parseDimensionScore(text, max);
    expect(r.ok ? null : r.error.key).toBe(key);
  });
});

describe('validateScoreSheet', () => {
  it('accepts a full sheet and drops extra fields', () => {
    expect(validateScoreSheet({ ...sheet(1, 2, 3, 4), extra: 9 } as never, 25)).toEqual({
      ok: true,
      value: sheet(1, 2, 3, 4),
    });
  });
  it.each([
    [{ political: 1, performance: 2, service: 3 }, 'error-rating-score-missing'],
    [sheet(1, 2, 3, 26), 'error-rating-score-out-of-range'],
    [sheet(1, 2.5, 3, 4), 'error-rating-score-not-integer'],
  ])('%j fails with %s', (input, key) => {
    const r = validateScoreSheet(input, 25);
    expect(r.ok ? null : r.error.key).toBe(key);
  });
});

describe('validateOrgScore', () => {
  it.each([
    [85, 85, undefined, { score: 85 }],
    [70, 85, ' 迟到两次 ', { score: 70, reason: '迟到两次' }],
  ])('score %d against suggestion %d', (score, suggested, reason, value) => {
    expect(validateOrgScore(score, suggested, reason)).toEqual({ ok: true, value });
  });
  it.each([
    [70, 85, undefined, 'error-rating-override-reason-required'],
    [70, 85, '  ', 'error-rating-override-reason-required'],
    [101, 85, 'x', 'error-rating-org-score-out-of-range'],
    [-1, 85, 'x', 'error-rating-org-score-out-of-range'],
    [70, 85, 'x'.repeat(201), 'error-override-reason-too-long'],
  ])('score %d against %d with %j fails', (score, suggested, reason, key) => {
    const r = validateOrgScore(score, suggested, reason);
    expect(r.ok ? null : r.error.key).toBe(key);
  });
});

describe('computeRating (default weights 20/40/40, pass at 80, masses from 3 ballots)', () => {
  it.each([
    // self sheet, ballot totals, org → total, passed, masses counted
    [sheet(25, 25, 25, 25), [100, 100, 100], 100, 100, true, true],
    [sheet(20, 20, 20, 20), [80, 80, 80], 80, 80, true, true],
    [sheet(20, 20, 20, 19), [80, 80, 80], 80, 79.8, false, true],
    [sheet(25, 25, 25, 25), [60, 70, 80], 85, 82, true, true],
    // two ballots: masses weight moves to the organisation (20 + 80)
    [sheet(25, 25, 25, 25), [10, 10], 75, 80, true, false],
    [null, [100, 100, 100], 100, 80, true, true],
    [null, [], 100, 80, true, false],
    [sheet(0, 0, 0, 0), [0, 0, 0, 0], 0, 0, false, true],
  ])('self %j ballots %j org %d → %d', (self, ballots, org, total, passed, counted) => {
    const r = computeRating({ self, massesBallotTotals: ballots, organisation: org }, rules);
    expect(r.total).toBe(total);
    expect(r.passed).toBe(passed);
    expect(r.masses !== null).toBe(counted);
    expect(r.notes.includes('masses-too-few-ballots')).toBe(!counted);
    expect(r.notes.includes('self-missing')).toBe(self === null);
    expect(r.weights.self + r.weights.masses + r.weights.organisation).toBe(100);
  });

  it('moves the masses weight to the organisation below the ballot minimum', () => {
    const r = computeRating(
      { self: sheet(10, 10, 10, 10), massesBallotTotals: [100, 100], organisation: 90 },
      rules,
    );
    expect(r.weights).toEqual({ self: 20, masses: 0, organisation: 80 });
    expect(r.total).toBe(80);
    expect(r.ballots).toBe(2);
  });

  it('follows the branch settings: other weights, dimension max, pass score, ballot minimum', () => {
    const custom = ruleSetFromSettings({
      ...DEFAULT_SETTINGS,
      weights: { self: 50, masses: 25, organisation: 25 },
      dimensionMax: 10,
      passScore: 60,
      massesMinBallots: 1,
    });
    const r = computeRating({ self: sheet(5, 5, 5, 5), massesBallotTotals: [40], organisation: 40 }, custom);
    expect([r.self, r.masses, r.total, r.passed]).toEqual([50, 100, 60, true]);
    expect(custom.version).toBe(RULE_SET_VERSION);
  });

  it('rounds averages to two decimals', () => {
    const r = computeRating(
      { self: sheet(25, 25, 25, 25), massesBallotTotals: [100, 100, 99], organisation: 80 },
      rules,
    );
    expect(r.masses).toBe(99.67);
    expect(r.total).toBe(91.87);
  });
});

describe('computeMonthResult', () => {
  it('recomputes a stored result to the same answer after a JSON round trip', async () => {
    const { computeMonthResult } = await import('../../src/domain/rating-result.js');
    const inputs = {
      rating: { self: sheet(22, 21, 20, 23), massesBallotTotals: [88, 91, 77, 95], organisation: 83 },
      rules,
      before: { stars: 4, plateOn: true, titleHeld: false, consecutiveFails: 0, consecutivePasses: 3 },
      yearEnd: false,
    };
    const first = computeMonthResult(inputs);
    const again = computeMonthResult(JSON.parse(JSON.stringify(inputs)));
    expect(again).toEqual(first);
    expect(first.computation.total).toBe(85.5);
    expect(first.change).toMatchObject({ starsDelta: 1, titleEarned: true });
  });
});
