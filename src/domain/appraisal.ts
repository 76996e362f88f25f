/**
 * Annual democratic appraisal (年度民主评议): a category suggested per member from the year's
 * monthly results, which the secretary confirms or changes with a reason. Versioned like the
 * monthly rule, so a stored suggestion can be explained and recomputed.
 */
export const APPRAISAL_CATEGORIES = ['excellent', 'qualified', 'basic', 'unqualified'] as const;
/** 优秀, 合格, 基本合格, 不合格 */
export type AppraisalCategory = (typeof APPRAISAL_CATEGORIES)[number];

export interface AppraisalRules {
  readonly version: string;
  /** 优秀 needs every rated month passed, at least this many months rated, and this average. */
  readonly excellentMinMonths: number;
  readonly excellentMinAverage: number;
  /** 优秀 for at most this share of the branch's full members (rounded down). */
  readonly excellentMaxShare: number;
  /** 基本合格 from this many failed months, or this many pledge items overdue at the year's end. */
  readonly basicFromFails: number;
  readonly basicFromOverdue: number;
  /** 不合格 from this many failed months. */
  readonly unqualifiedFromFails: number;
}

export const APPRAISAL_RULES: AppraisalRules = {
  version: 'appraisal/2026.1',
  excellentMinMonths: 10,
  excellentMinAverage: 90,
  excellentMaxShare: 1 / 3,
  basicFromFails: 3,
  basicFromOverdue: 2,
  unqualifiedFromFails: 6,
};

/** One member's year, as the rule reads it. */
export interface AppraisalInput {
  readonly memberId: string;
  /** 预备党员 get no category (they are assessed for full membership instead). */
  readonly probationary: boolean;
  /** Totals (0–100) and verdicts of the year's final monthly results. */
  readonly months: ReadonlyArray<{ readonly total: number; readonly passed: boolean }>;
  readonly overdueItems: number;
}

export type AppraisalReason =
  | 'probationary'
  | 'fails-unqualified'
  | 'fails-basic'
  | 'overdue-basic'
  | 'excellent'
  | 'excellent-capped'
  | 'qualified';

export interface AppraisalSuggestion {
  readonly memberId: string;
  /** Null for probationary members. */
  readonly category: AppraisalCategory | null;
  readonly reason: AppraisalReason;
  readonly rated: number;
  readonly fails: number;
  readonly average: number | null;
}

const avg = (xs: readonly number[]) =>
  xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null;

/**
 * The branch's suggestions: each member on their own year first, then 优秀 capped at
 * `excellentMaxShare` of the full members, the highest averages kept (ties by member id,
 * so the answer never depends on input order); the others capped fall back to 合格.
 */
export function suggestAppraisal(
  inputs: readonly AppraisalInput[],
  rules: AppraisalRules = APPRAISAL_RULES,
): AppraisalSuggestion[] {
  const own = inputs.map((i): AppraisalSuggestion => {
    const rated = i.months.length;
    const fails = i.months.filter((m) => !m.passed).length;
    const average = avg(i.months.map((m) => m.total));
    const base = { memberId: i.memberId, rated, fails, average };
    if (i.probationary) return { ...base, category: null, reason: 'probationary' };
    if (fails >= rules.unqualifiedFromFails)
      return { ...base, category: 'unqualified', reason: 'fails-unqualified' };
    if (fails >= rules.basicFromFails) return { ...base, category: 'basic', reason: 'fails-basic' };
    if (i.overdueItems >= rules.basicFromOverdue)
      return { ...base, category: 'basic', reason: 'overdue-basic' };
    if (fails === 0 && rated >= rules.excellentMinMonths && (average ?? 0) >= rules.excellentMinAverage)
      return { ...base, category: 'excellent', reason: 'excellent' };
    return { ...base, category: 'qualified', reason: 'qualified' };
  });
  const full = inputs.filter((i) => !i.probationary).length;
  const cap = Math.floor(full * rules.excellentMaxShare + 1e-9);
  const kept = new Set(
    own
      .filter((s) => s.category === 'excellent')
      .sort((a, b) => (b.average ?? 0) - (a.average ?? 0) || (a.memberId < b.memberId ? -1 : 1))
      .slice(0, cap)
      .map((s) => s.memberId),
  );
  return own.map((s) =>
    s.category === 'excellent' && !kept.has(s.memberId)
      ? { ...s, category: 'qualified', reason: 'excellent-capped' }
      : s,
  );
}
