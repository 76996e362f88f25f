import { addMonths } from './calendar.js';
import { localDate, type IsoDate } from './dates.js';
import type { OrgScoreRule } from './rating-rules.js';

/** What the organisation-score rule looks at for one member and one month. */
export interface OrgScoreFacts {
  /** Deeds verified by the secretary with a deed date in the month. */
  readonly verifiedDeeds: number;
  /** Pledge items marked done in the month. */
  readonly pledgeItemsDone: number;
  /** Pledge items not done whose due date has passed as of the round's close (see overdueCutoff). */
  readonly pledgeItemsOverdue: number;
  /** Complaints about the member handled in the month and upheld. */
  readonly upheldComplaints: number;
  /** Praise about the member received in the month. */
  readonly praise: number;
}

/** One line of the suggestion's explanation: which fact, how many, how many points. */
export interface OrgScoreLine {
  readonly fact: keyof OrgScoreFacts | 'base';
  readonly count: number;
  readonly points: number;
}

export interface OrgScoreSuggestion {
  /** 0–100, an integer. */
  readonly score: number;
  readonly lines: readonly OrgScoreLine[];
}

const capped = (count: number, each: number, cap: number) => Math.min(count * each, cap);

/**
 * The published suggestion (组织考评建议分): base, plus verified deeds, pledge items done and
 * praise (each with a cap), minus overdue items (capped) and upheld complaints; kept in 0–100.
 */
export function suggestOrgScore(facts: OrgScoreFacts, rule: OrgScoreRule): OrgScoreSuggestion {
  const lines: OrgScoreLine[] = [
    { fact: 'base', count: 1, points: rule.base },
    {
      fact: 'verifiedDeeds',
      count: facts.verifiedDeeds,
      points: capped(facts.verifiedDeeds, rule.perVerifiedDeed, rule.maxDeedBonus),
    },
    {
      fact: 'pledgeItemsDone',
      count: facts.pledgeItemsDone,
      points: capped(facts.pledgeItemsDone, rule.perPledgeItemDone, rule.maxDoneBonus),
    },
    {
      fact: 'praise',
      count: facts.praise,
      points: capped(facts.praise, rule.perPraise, rule.maxPraiseBonus),
    },
    {
      fact: 'pledgeItemsOverdue',
      count: facts.pledgeItemsOverdue,
      points: 0 - capped(facts.pledgeItemsOverdue, rule.perOverdueItem, rule.maxOverduePenalty),
    },
    {
      fact: 'upheldComplaints',
      count: facts.upheldComplaints,
      points: 0 - facts.upheldComplaints * rule.perUpheldComplaint,
    },
  ];
  const sum = lines.reduce((acc, l) => acc + l.points, 0);
  return { score: Math.max(0, Math.min(100, sum)), lines };
}

/**
 * The first due date that is not yet overdue for a month's round closing (or, while it is open,
 * looked at) at `asOf`: an item is overdue when its due date is before this date and it is not
 * done. A due date has passed once the branch's local date is later than it, and never counts
 * past the rated month (a round closed late does not charge next month's items to this one).
 */
export function overdueCutoff(month: string, asOf: Date, tz: string): IsoDate {
  const today = localDate(asOf, tz);
  const monthEnd = `${addMonths(month, 1)}-01`;
  return today < monthEnd ? today : monthEnd;
}

/** Whether an item not done with this due date counts as overdue for the cutoff. */
export function isOverdue(dueDate: IsoDate, cutoff: IsoDate): boolean {
  return dueDate < cutoff;
}
