import { describe, expect, it } from 'vitest';
import { applyMonthResult, INITIAL_STAR_STATE, type StarState } from '../../src/domain/stars.js';

const rules = { maxStars: 5, plateLossConsecutiveFails: 2, plateRestoreConsecutivePasses: 2 };
const state = (s: Partial<StarState>): StarState => ({ ...INITIAL_STAR_STATE, ...s });

describe('applyMonthResult', () => {
  it.each([
    // before, passed → stars, plateOn, delta, taken, restored, earned
    [state({ stars: 2 }), true, 3, true, 1, false, false, false],
    [state({ stars: 5, titleHeld: true }), true, 5, true, 0, false, false, false],
    [state({ stars: 3 }), false, 2, true, -1, false, false, false],
    [state({ stars: 3, consecutiveFails: 1 }), false, 2, false, -1, true, false, false],
    [state({ stars: 1 }), false, 0, false, -1, true, false, false],
    // A new member (0 stars, plate hung on confirmation) failing a first month keeps the plate.
    [state({ stars: 0 }), false, 0, true, 0, false, false, false],
    [state({ stars: 0, consecutiveFails: 1 }), false, 0, false, 0, true, false, false],
    [state({ stars: 0, plateOn: false, consecutiveFails: 3 }), false, 0, false, 0, false, false, false],
    [state({ stars: 1, plateOn: false }), true, 2, false, 1, false, false, false],
    [state({ stars: 1, plateOn: false, consecutivePasses: 1 }), true, 2, true, 1, false, true, false],
    [state({ stars: 4 }), true, 5, true, 1, false, false, true],
    [state({ stars: 4, plateOn: false, consecutivePasses: 0 }), true, 5, false, 1, false, false, false],
    [state({ stars: 4, plateOn: false, consecutivePasses: 1 }), true, 5, true, 1, false, true, true],
  ])('%j passed=%s', (before, passed, stars, plateOn, delta, taken, restored, earned) => {
    const { after, change } = applyMonthResult(before, passed, rules);
    expect(after.stars).toBe(stars);
    expect(after.plateOn).toBe(plateOn);
    expect(change).toEqual({
      starsDelta: delta,
      plateTaken: taken,
      plateRestored: restored,
      titleEarned: earned,
      titleRevoked: false,
    });
  });

  it('new member (plate hung on confirmation, 0 stars): a first fail keeps the plate, a second in a row takes it, a fall from 1 star to 0 takes it', () => {
    const first = applyMonthResult(INITIAL_STAR_STATE, false, rules);
    expect(first.after).toMatchObject({ stars: 0, plateOn: true, consecutiveFails: 1 });
    expect(first.change.plateTaken).toBe(false);
    expect(applyMonthResult(first.after, false, rules).change.plateTaken).toBe(true);
    const earned = applyMonthResult(INITIAL_STAR_STATE, true, rules).after;
    const fell = applyMonthResult(earned, false, rules);
    expect(fell.after).toMatchObject({ stars: 0, plateOn: false });
    expect(fell.change.plateTaken).toBe(true);
  });

  it('announces the title once: staying at five stars earns nothing new', () => {
    const first = applyMonthResult(state({ stars: 4 }), true, rules);
    const second = applyMonthResult(first.after, true, rules);
    expect([first.change.titleEarned, second.change.titleEarned]).toEqual([true, false]);
    expect(second.after.titleHeld).toBe(true);
  });

  it('takes the plate on the second fail in a row and gives it back after two passes', () => {
    let s = state({ stars: 3 });
    const seen: boolean[] = [];
    for (const passed of [false, false, true, true, true]) {
      s = applyMonthResult(s, passed, rules).after;
      seen.push(s.plateOn);
    }
    expect(seen).toEqual([true, false, false, true, true]);
  });

  it.each([
    [state({ stars: 5, titleHeld: true }), true, true, false],
    [state({ stars: 5, titleHeld: true }), false, false, true],
    [state({ stars: 4, titleHeld: true }), true, true, false],
    [state({ stars: 3, titleHeld: true }), false, false, true],
  ])('year-end review of %j passed=%s keeps title=%s', (before, passed, kept, revoked) => {
    const { after, change } = applyMonthResult(before, passed, rules, true);
    expect(after.titleHeld).toBe(kept);
    expect(change.titleRevoked).toBe(revoked);
  });

  it('keeps a title through a fail outside the year-end review', () => {
    const { after } = applyMonthResult(state({ stars: 5, titleHeld: true }), false, rules, false);
    expect(after.titleHeld).toBe(true);
  });

  it('follows other settings: 3 stars max, 1 fail takes the plate, 3 passes restore it', () => {
    const r = { maxStars: 3, plateLossConsecutiveFails: 1, plateRestoreConsecutivePasses: 3 };
    expect(applyMonthResult(state({ stars: 3 }), false, r).change.plateTaken).toBe(true);
    expect(applyMonthResult(state({ stars: 2 }), true, r).change.titleEarned).toBe(true);
    expect(applyMonthResult(state({ plateOn: false, consecutivePasses: 1 }), true, r).after.plateOn).toBe(
      false,
    );
    expect(applyMonthResult(state({ plateOn: false, consecutivePasses: 2 }), true, r).after.plateOn).toBe(
      true,
    );
  });
});
