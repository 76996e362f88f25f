/**
 * The committee's "stars of the month" (每月之星): the best model posts across its branches, by a
 * published, versioned rule. The rule and the candidates it read are stored with the selection.
 */

/** Bump whenever a threshold, limit or ordering below changes. */
export const MONTH_STARS_RULE_VERSION = 'month-stars/2026.1';

/** One member's month, as the committee's aggregation reads it from the stored results. */
export interface StarCandidate {
  readonly memberId: string;
  readonly branchId: string;
  readonly total: number;
  readonly passed: boolean;
  /** Deeds verified in the month (一件事一记录). */
  readonly deedsVerified: number;
  /** Stars after the month's result. */
  readonly stars: number;
}

export interface MonthStarsRule {
  readonly version: string;
  /** At most this many stars across the committee. */
  readonly count: number;
  /** At most this many from one branch, so one strong branch does not take every place. */
  readonly perBranch: number;
  /** Only a passed result with at least this total qualifies. */
  readonly minTotal: number;
}

export const MONTH_STARS_RULE: MonthStarsRule = {
  version: MONTH_STARS_RULE_VERSION,
  count: 5,
  perBranch: 2,
  minTotal: 85,
};

/**
 * Passed results with a total of at least `minTotal`, best first: higher total, then more
 * verified deeds, then more stars, then the lower member id; at most `perBranch` per branch and
 * `count` in all.
 */
export function selectMonthStars(
  candidates: readonly StarCandidate[],
  rule: MonthStarsRule = MONTH_STARS_RULE,
): StarCandidate[] {
  const sorted = candidates
    .filter((c) => c.passed && c.total >= rule.minTotal)
    .sort(
      (a, b) =>
        b.total - a.total ||
        b.deedsVerified - a.deedsVerified ||
        b.stars - a.stars ||
        (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0),
    );
  const perBranch = new Map<string, number>();
  const chosen: StarCandidate[] = [];
  for (const c of sorted) {
    if (chosen.length >= rule.count) break;
    const n = perBranch.get(c.branchId) ?? 0;
    if (n >= rule.perBranch) continue;
    perBranch.set(c.branchId, n + 1);
    chosen.push(c);
  }
  return chosen;
}
