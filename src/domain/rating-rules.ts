import type { BranchSettings, Weights } from './settings.js';

/**
 * Version of the published rating rules (评分规则). Bump it whenever a formula below or in
 * rating.ts, org-score.ts or stars.ts changes: stored results name the version they were computed
 * with, so `/why` can tell an old result from a new rule.
 */
// 2026.2: an item is overdue as of the round's close, not the month's end (org-score.ts); only a
// fall to 0 stars takes the plate, not a member still at 0 (stars.ts).
export const RULE_SET_VERSION = 'rating-rules/2026.2';

/** The published rule for the suggested organisation score (组织考评建议分), on the 0–100 scale. */
export interface OrgScoreRule {
  readonly base: number;
  readonly perVerifiedDeed: number;
  readonly maxDeedBonus: number;
  readonly perPledgeItemDone: number;
  readonly maxDoneBonus: number;
  readonly perOverdueItem: number;
  readonly maxOverduePenalty: number;
  readonly perUpheldComplaint: number;
  readonly perPraise: number;
  readonly maxPraiseBonus: number;
}

export const DEFAULT_ORG_SCORE_RULE: OrgScoreRule = {
  base: 75,
  perVerifiedDeed: 2,
  maxDeedBonus: 10,
  perPledgeItemDone: 3,
  maxDoneBonus: 9,
  perOverdueItem: 5,
  maxOverduePenalty: 20,
  perUpheldComplaint: 5,
  perPraise: 2,
  maxPraiseBonus: 6,
};

/** Everything a monthly result depends on besides the scores: stored with every result. */
export interface RatingRuleSet {
  readonly version: string;
  readonly dimensionMax: number;
  readonly weights: Weights;
  readonly passScore: number;
  readonly massesMinBallots: number;
  readonly maxStars: number;
  readonly plateLossConsecutiveFails: number;
  readonly plateRestoreConsecutivePasses: number;
  readonly orgScore: OrgScoreRule;
}

/** The rule set a branch's settings select, under the current version. */
export function ruleSetFromSettings(settings: BranchSettings): RatingRuleSet {
  return {
    version: RULE_SET_VERSION,
    dimensionMax: settings.dimensionMax,
    weights: { ...settings.weights },
    passScore: settings.passScore,
    massesMinBallots: settings.massesMinBallots,
    maxStars: settings.maxStars,
    plateLossConsecutiveFails: settings.plateLossConsecutiveFails,
    plateRestoreConsecutivePasses: settings.plateRestoreConsecutivePasses,
    orgScore: { ...DEFAULT_ORG_SCORE_RULE },
  };
}
