import { addMonths, instantAt, type MonthKey } from './calendar.js';
import { localDate } from './dates.js';
import { roundCloseDate, roundOpenDate } from './rating-schedule.js';
import type { BranchSettings } from './settings.js';

type Timing = Pick<
  BranchSettings,
  'timeZone' | 'roundOpenDaysBeforeMonthEnd' | 'roundOpenHour' | 'roundCloseDay' | 'roundCloseHour'
>;

/** The part of a stored round the state reads. */
export interface RoundFacts {
  readonly month: MonthKey;
  readonly status: 'open' | 'provisional' | 'final';
  readonly objectionDeadline?: Date;
}

/** The round after the latest one: which month and when its round opens by the schedule. */
export interface NextRound {
  readonly month: MonthKey;
  readonly openAt: Date;
}

/**
 * Where a branch's rating stands (考评进度), for every message about a round: the month and its
 * real state, and (unless a round is open) the next round's month and opening time.
 */
export type RoundState =
  | { readonly kind: 'open'; readonly month: MonthKey; readonly closeAt: Date }
  | {
      readonly kind: 'provisional';
      readonly month: MonthKey;
      readonly objectionDeadline?: Date;
      readonly next: NextRound;
    }
  | { readonly kind: 'final'; readonly month: MonthKey; readonly next: NextRound }
  | { readonly kind: 'none'; readonly next: NextRound };

/** When the round of `month` opens and closes by the branch's schedule. */
export function roundTimes(month: MonthKey, s: Timing): { openAt: Date; closeAt: Date } {
  return {
    openAt: instantAt(roundOpenDate(month, s), s.roundOpenHour, s.timeZone),
    closeAt: instantAt(roundCloseDate(month, s), s.roundCloseHour, s.timeZone),
  };
}

/**
 * The state from the branch's latest round (by month) at `now`: an open round names its close; a
 * closed one says whether its results are provisional or final, and the next round is the current
 * month's unless the latest round already is this month's (closed early), then the next month's.
 */
export function roundState(latest: RoundFacts | null, now: Date, s: Timing): RoundState {
  if (latest?.status === 'open')
    return { kind: 'open', month: latest.month, closeAt: roundTimes(latest.month, s).closeAt };
  const current = localDate(now, s.timeZone).slice(0, 7);
  const nextMonth = latest && latest.month >= current ? addMonths(latest.month, 1) : current;
  const next = { month: nextMonth, openAt: roundTimes(nextMonth, s).openAt };
  if (!latest) return { kind: 'none', next };
  if (latest.status === 'final') return { kind: 'final', month: latest.month, next };
  return {
    kind: 'provisional',
    month: latest.month,
    ...(latest.objectionDeadline && { objectionDeadline: latest.objectionDeadline }),
    next,
  };
}

/** How long before the scheduled close a secretary's /closeround still counts as on time. */
export const EARLY_CLOSE_MARGIN_HOURS = 24;

/** Who has not yet done their part in an open round, as counts (names are the caller's). */
export interface RoundGaps {
  readonly selfMissing: number;
  readonly ballotsUnderMin: number;
  readonly orgMissing: number;
}

/**
 * Whether closing now is an early close (提前结束) the secretary must confirm: more than
 * `EARLY_CLOSE_MARGIN_HOURS` before the scheduled close, or anyone still has something left to
 * rate (closing then cuts them off). Closing at or after the scheduled time never asks.
 */
export function earlyCloseOf(
  now: Date,
  scheduledClose: Date,
  gaps: RoundGaps,
): { readonly confirm: boolean; readonly hoursEarly: number; readonly incomplete: boolean } {
  const hoursEarly = Math.max(0, (scheduledClose.getTime() - now.getTime()) / 3_600_000);
  const incomplete = gaps.selfMissing + gaps.ballotsUnderMin + gaps.orgMissing > 0;
  const confirm = hoursEarly > 0 && (hoursEarly > EARLY_CLOSE_MARGIN_HOURS || incomplete);
  return { confirm, hoursEarly, incomplete };
}
