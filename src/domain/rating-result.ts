import { computeRating, type RatingComputation, type RatingInputs } from './rating.js';
import type { RatingRuleSet } from './rating-rules.js';
import { applyMonthResult, type StarChange, type StarState } from './stars.js';

/** Everything a stored monthly result (达标评议) was computed from: enough to compute it again. */
export interface MonthResultInputs {
  readonly rating: RatingInputs;
  readonly rules: RatingRuleSet;
  /** The member's standing before this month. */
  readonly before: StarState;
  /** December's close is also the year-end review (年底复评). */
  readonly yearEnd: boolean;
}

export interface MonthResult {
  readonly computation: RatingComputation;
  readonly after: StarState;
  readonly change: StarChange;
}

/** One member's month: the weighted rating, then the stars and plate it leads to. */
export function computeMonthResult(inputs: MonthResultInputs): MonthResult {
  const computation = computeRating(inputs.rating, inputs.rules);
  const { after, change } = applyMonthResult(inputs.before, computation.passed, inputs.rules, inputs.yearEnd);
  return { computation, after, change };
}
