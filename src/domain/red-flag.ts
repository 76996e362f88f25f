/**
 * The rotating red flag (流动红旗): a committee awards it to its best branch of a period (a month,
 * or a quarter by the committee's setting) by a published, versioned rule. The rule and the
 * figures it read are stored with the award, so `/why` explains it and it recomputes the same.
 */

/** Bump whenever a formula, weight or tie-break below changes. */
export const RED_FLAG_RULE_VERSION = 'red-flag/2026.1';

/** One branch's figures for a period, as the committee's aggregation reads them from the store. */
export interface BranchFigures {
  readonly branchId: string;
  /** Members with a result in the period (a quarter counts each month's results). */
  readonly rated: number;
  /** Mean of the results' totals, 0–100. */
  readonly averageScore: number;
  readonly passed: number;
  /** Results whose member self-evaluated (党员自评). */
  readonly selfRated: number;
  readonly deedsVerified: number;
  /** Pledge items due by the period's end and not done. */
  readonly overdueItems: number;
}

export interface RedFlagRule {
  readonly version: string;
  /** Weights in percent of the three parts of the index; they sum to 100. */
  readonly weights: {
    readonly averageScore: number;
    readonly participation: number;
    readonly overdue: number;
  };
  /** A branch with fewer results cannot win (nothing to compare). */
  readonly minRated: number;
}

export const RED_FLAG_RULE: RedFlagRule = {
  version: RED_FLAG_RULE_VERSION,
  weights: { averageScore: 60, participation: 25, overdue: 15 },
  minRated: 1,
};

/** What broke a tie of the index, in the order the rule tries them. */
export const TIE_BREAKS = [
  'averageScore',
  'participation',
  'overduePerMember',
  'notPreviousHolder',
  'branchId',
] as const;
export type TieBreak = (typeof TIE_BREAKS)[number];

export interface RankedBranch {
  readonly branchId: string;
  readonly eligible: boolean;
  /** Share of results with a self-evaluation, 0–100. */
  readonly participation: number;
  /** 100 with no overdue item, falling to 0 at one overdue item per rated member. */
  readonly overdueScore: number;
  readonly overduePerMember: number;
  readonly index: number;
}

export interface RedFlagInputs {
  readonly figures: readonly BranchFigures[];
  /** The branch holding the flag from the period before, if any. */
  readonly previousHolderId: string | null;
}

export interface RedFlagResult {
  readonly version: string;
  readonly winnerId: string | null;
  /** Every branch, best first; ineligible ones last. */
  readonly ranking: readonly RankedBranch[];
  /** Set when the two best had the same index: the criterion that separated them. */
  readonly tieBrokenBy: TieBreak | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** One branch's index: weighted average score, participation and overdue score, 0–100. */
export function rankBranch(f: BranchFigures, rule: RedFlagRule): RankedBranch {
  const participation = f.rated > 0 ? round2((f.selfRated / f.rated) * 100) : 0;
  const overduePerMember = f.rated > 0 ? round2(f.overdueItems / f.rated) : 0;
  const overdueScore = round2(Math.max(0, 1 - (f.rated > 0 ? f.overdueItems / f.rated : 0)) * 100);
  const w = rule.weights;
  const index = round2(
    (w.averageScore * f.averageScore + w.participation * participation + w.overdue * overdueScore) / 100,
  );
  return {
    branchId: f.branchId,
    eligible: f.rated >= rule.minRated,
    participation,
    overdueScore,
    overduePerMember,
    index,
  };
}

type Cmp = (a: RankedBranch & { avg: number }, b: RankedBranch & { avg: number }) => number;

function comparators(previousHolderId: string | null): ReadonlyArray<readonly [TieBreak, Cmp]> {
  return [
    ['averageScore', (a, b) => b.avg - a.avg],
    ['participation', (a, b) => b.participation - a.participation],
    ['overduePerMember', (a, b) => a.overduePerMember - b.overduePerMember],
    [
      'notPreviousHolder',
      (a, b) => Number(a.branchId === previousHolderId) - Number(b.branchId === previousHolderId),
    ],
    ['branchId', (a, b) => (a.branchId < b.branchId ? -1 : a.branchId > b.branchId ? 1 : 0)],
  ];
}

/**
 * The published rule: the eligible branch with the highest index wins; an equal index goes to the
 * higher average score, then the higher participation, then fewer overdue items per member, then
 * the branch that did not hold the flag before (the flag rotates), then the lower branch id.
 */
export function computeRedFlag(inputs: RedFlagInputs, rule: RedFlagRule = RED_FLAG_RULE): RedFlagResult {
  const avg = new Map(inputs.figures.map((f) => [f.branchId, f.averageScore]));
  const rows = inputs.figures.map((f) => ({ ...rankBranch(f, rule), avg: avg.get(f.branchId) ?? 0 }));
  const cmps = comparators(inputs.previousHolderId);
  const order = (a: (typeof rows)[number], b: (typeof rows)[number]) => {
    if (a.eligible !== b.eligible) return a.eligible ? -1 : 1;
    if (a.index !== b.index) return b.index - a.index;
    for (const [, cmp] of cmps) {
      const d = cmp(a, b);
      if (d !== 0) return d;
    }
    return 0;
  };
  rows.sort(order);
  const ranking = rows.map(({ avg: _avg, ...r }) => r);
  const [first, second] = rows;
  const winnerId = first?.eligible ? first.branchId : null;
  let tieBrokenBy: TieBreak | null = null;
  if (first && second?.eligible && first.eligible && first.index === second.index)
    tieBrokenBy = cmps.find(([, cmp]) => cmp(first, second) !== 0)?.[0] ?? null;
  return { version: rule.version, winnerId, ranking, tieBrokenBy };
}
