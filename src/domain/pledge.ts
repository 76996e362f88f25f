import { DateTime } from 'luxon';
import { fail, ok, type Result } from './errors.js';
import { transitionPledgeItem, type PledgeItem } from './pledge-item.js';
import type { BranchSettings } from './settings.js';

/** Most items one pledge may hold, whatever the settings. */
export const MAX_PLEDGE_ITEMS = 20;

/**
 * A member's public pledge (公开承诺) for one year. `oral` pledges (口头承诺) are given by
 * elderly or retired members and recorded by a reviewer (`recordedBy`) on their behalf.
 */
export interface Pledge {
  readonly memberId: string;
  readonly year: number;
  readonly items: readonly PledgeItem[];
  readonly oral: boolean;
  readonly recordedBy?: number;
}

/** Minimum number of items: leading members (担任领导职务) owe more. */
export function minPledgeItems(
  isLeading: boolean,
  settings: Pick<BranchSettings, 'leadingMinPledgeItems' | 'normalMinPledgeItems'>,
): number {
  return isLeading ? settings.leadingMinPledgeItems : settings.normalMinPledgeItems;
}

/** Checks the item count against the minimum for the member and MAX_PLEDGE_ITEMS. */
export function validateItemCount(
  count: number,
  isLeading: boolean,
  settings: BranchSettings,
): Result<number> {
  const min = minPledgeItems(isLeading, settings);
  if (count < min) return fail('error-pledge-too-few-items', { min, count, leading: isLeading ? 1 : 0 });
  if (count > MAX_PLEDGE_ITEMS) return fail('error-pledge-too-many-items', { max: MAX_PLEDGE_ITEMS, count });
  return ok(count);
}

/**
 * Submits a pledge for review: the item count must meet the minimum, and every draft or
 * returned item becomes pending. Items already pending, approved or done are left as they are.
 */
export function submitPledge(
  pledge: Pledge,
  member: { readonly isLeading: boolean },
  settings: BranchSettings,
  now: Date,
): Result<Pledge> {
  const count = validateItemCount(pledge.items.length, member.isLeading, settings);
  if (!count.ok) return count;
  const toSubmit = pledge.items.filter((i) => i.status === 'draft' || i.status === 'returned');
  if (toSubmit.length === 0) return fail('error-pledge-transition', { event: 'submit' });
  const items: PledgeItem[] = [];
  for (const item of pledge.items) {
    if (item.status !== 'draft' && item.status !== 'returned') {
      items.push(item);
      continue;
    }
    const next = transitionPledgeItem(item, { type: 'submit' }, now, settings.timeZone);
    if (!next.ok) return next;
    items.push(next.value);
  }
  return ok({ ...pledge, items });
}

/**
 * Records an oral pledge for an elderly member. The reviewer who records it also approves it,
 * so its items are stored as approved; the same minimum item count applies.
 */
export function recordOralPledge(
  input: { readonly memberId: string; readonly year: number; readonly items: readonly PledgeItem[] },
  member: { readonly isLeading: boolean; readonly isElderly: boolean },
  recordedBy: number,
  settings: BranchSettings,
): Result<Pledge> {
  if (!member.isElderly) return fail('error-pledge-oral-not-elderly');
  const count = validateItemCount(input.items.length, member.isLeading, settings);
  if (!count.ok) return count;
  const items = input.items.map((i): PledgeItem => ({
    id: i.id,
    lead: i.lead,
    text: i.text,
    dueDate: i.dueDate,
    status: 'approved',
  }));
  return ok({ memberId: input.memberId, year: input.year, items, oral: true, recordedBy });
}

/** The pledge year: the calendar year of `now` in the branch zone. */
export function pledgeYear(now: Date, tz: string): number {
  return DateTime.fromJSDate(now, { zone: tz }).year;
}

/** Items that count as accepted by the branch: approved, claimed done, or done. */
export function isAccepted(item: Pick<PledgeItem, 'status'>): boolean {
  return item.status === 'approved' || item.status === 'claimed' || item.status === 'done';
}

/**
 * A pledge is published (公开示诺) once the secretary has reviewed every submitted item
 * (none pending) and the accepted items reach the member's minimum.
 */
export function isPublishable(items: readonly Pick<PledgeItem, 'status'>[], minItems: number): boolean {
  if (items.some((i) => i.status === 'pending')) return false;
  return items.filter(isAccepted).length >= minItems;
}

/**
 * How many approved items a member's pledge of the year still lacks against the minimum
 * (`minPledgeItems`): 0 when enough. Only accepted items count (`isAccepted`).
 */
export function pledgeShortfall(
  items: readonly Pick<PledgeItem, 'status'>[],
  isLeading: boolean,
  settings: Pick<BranchSettings, 'leadingMinPledgeItems' | 'normalMinPledgeItems'>,
): number {
  const min = minPledgeItems(isLeading, settings);
  return Math.max(0, min - items.filter(isAccepted).length);
}
