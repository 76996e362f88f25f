import type { RatingRuleSet } from './rating-rules.js';

/** A member's standing: 星级 (stars), 挂牌 (plate held), 星级党员示范岗 title, and the streaks. */
export interface StarState {
  readonly stars: number;
  readonly plateOn: boolean;
  readonly titleHeld: boolean;
  readonly consecutiveFails: number;
  readonly consecutivePasses: number;
}

/** What one month's result changed; the announcement and `/why` read this. */
export interface StarChange {
  readonly starsDelta: number;
  /** 摘牌: the plate was taken away this month. */
  readonly plateTaken: boolean;
  /** 挂牌: the plate was given back this month. */
  readonly plateRestored: boolean;
  /** 授牌命名: the five-star title was earned this month (announced once). */
  readonly titleEarned: boolean;
  /** 年底复评: the title was withdrawn at the year-end review. */
  readonly titleRevoked: boolean;
}

export type StarRules = Pick<
  RatingRuleSet,
  'maxStars' | 'plateLossConsecutiveFails' | 'plateRestoreConsecutivePasses'
>;

/**
 * The standing of a member who has never been rated: the plate is hung when the secretary
 * confirms the card (亮身份 comes with the plate), and stars are earned from 0 by passing.
 */
export const INITIAL_STAR_STATE: StarState = {
  stars: 0,
  plateOn: true,
  titleHeld: false,
  consecutiveFails: 0,
  consecutivePasses: 0,
};

/**
 * Applies one month: pass adds a star (up to maxStars), fail removes one (not below 0). A fail
 * that makes `plateLossConsecutiveFails` in a row, or falls from a star to 0 stars, takes the
 * plate (a member still at 0, e.g. a new member failing a first month, has not fallen: only the
 * consecutive-fails rule applies to them); with the
 * plate off, `plateRestoreConsecutivePasses` passes in a row give it back. Reaching maxStars
 * earns the title once. With `yearEnd` (December's close, 年底复评) a title is withdrawn unless
 * the member ends the year with all stars and the plate.
 */
export function applyMonthResult(
  before: StarState,
  passed: boolean,
  rules: StarRules,
  yearEnd = false,
): { after: StarState; change: StarChange } {
  const stars = passed ? Math.min(rules.maxStars, before.stars + 1) : Math.max(0, before.stars - 1);
  const consecutivePasses = passed ? before.consecutivePasses + 1 : 0;
  const consecutiveFails = passed ? 0 : before.consecutiveFails + 1;
  let plateOn = before.plateOn;
  const plateTaken =
    plateOn &&
    !passed &&
    (consecutiveFails >= rules.plateLossConsecutiveFails || (before.stars > 0 && stars === 0));
  if (plateTaken) plateOn = false;
  const plateRestored = !before.plateOn && passed && consecutivePasses >= rules.plateRestoreConsecutivePasses;
  if (plateRestored) plateOn = true;
  let titleHeld = before.titleHeld;
  const titleEarned = !titleHeld && stars >= rules.maxStars && plateOn;
  if (titleEarned) titleHeld = true;
  const titleRevoked = yearEnd && titleHeld && !titleEarned && (stars < rules.maxStars || !plateOn);
  if (titleRevoked) titleHeld = false;
  return {
    after: { stars, plateOn, titleHeld, consecutiveFails, consecutivePasses },
    change: { starsDelta: stars - before.stars, plateTaken, plateRestored, titleEarned, titleRevoked },
  };
}
