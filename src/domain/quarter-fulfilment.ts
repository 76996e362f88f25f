import type { IsoDate } from './dates.js';

/** What the quarterly fulfilment count needs of a pledge item. */
export interface FulfilmentItem {
  readonly status: 'draft' | 'pending' | 'approved' | 'returned' | 'claimed' | 'done';
  readonly dueDate: IsoDate;
  readonly doneOn?: IsoDate | undefined;
}

export interface Fulfilment {
  readonly done: number;
  readonly overdue: number;
  readonly inProgress: number;
}

/**
 * 践诺信息季度上报, one member's line for the quarter [from, to) as of `today`: items confirmed done
 * in the quarter; accepted items still open whose due date passed before the quarter's end (or
 * today, for the quarter under way), earlier quarters' included, since they still await
 * rectification (督促整改); and accepted items still open that are not yet due. Items under review,
 * returned or drafts are not pledged yet and do not count.
 */
export function quarterFulfilment(
  items: readonly FulfilmentItem[],
  from: IsoDate,
  to: IsoDate,
  today: IsoDate,
): Fulfilment {
  const cutoff = today < to ? today : to;
  let done = 0;
  let overdue = 0;
  let inProgress = 0;
  for (const i of items) {
    if (i.status === 'done') {
      if (i.doneOn !== undefined && i.doneOn >= from && i.doneOn < to) done++;
    } else if (i.status === 'approved' || i.status === 'claimed') {
      if (i.dueDate < cutoff) overdue++;
      else inProgress++;
    }
  }
  return { done, overdue, inProgress };
}
