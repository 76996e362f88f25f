import { DateTime } from 'luxon';
import { parseDateText } from './date-text.js';
import { localDate, type IsoDate } from './dates.js';
import { fail, ok, type Result } from './errors.js';
import { toHalfWidth, validateText } from './text.js';

/** The five leads (五带头) a pledge item falls under. */
export const LEADS = ['study', 'achievement', 'service', 'discipline', 'integrity'] as const;
export type Lead = (typeof LEADS)[number];

/** Chinese names of the five leads, as typed or shown. */
export const LEAD_NAMES_ZH: Readonly<Record<Lead, string>> = {
  study: '带头学习提高',
  achievement: '带头争创佳绩',
  service: '带头服务群众',
  discipline: '带头遵纪守法',
  integrity: '带头弘扬正气',
};

/** How far ahead a due date may be, counted from today in the branch zone. */
export const PLEDGE_HORIZON_MONTHS = 12;

/** One concrete, checkable pledge item (承诺事项) with its due date. */
export interface PledgeItemDraft {
  readonly lead: Lead;
  readonly text: string;
  readonly dueDate: IsoDate;
}

/** Stored review stage of an item; `overdue` is never stored, it is derived (see itemStatus). */
export type PledgeItemStage =
  | { readonly status: 'draft' | 'pending' | 'approved' }
  | { readonly status: 'returned'; readonly reason: string }
  | { readonly status: 'claimed'; readonly evidence: string; readonly claimedOn: IsoDate }
  | {
      readonly status: 'done';
      readonly evidence: string;
      readonly claimedOn: IsoDate;
      readonly doneOn: IsoDate;
    };

export type PledgeItem = PledgeItemDraft & { readonly id: string } & PledgeItemStage;
export type PledgeItemStatus = PledgeItem['status'] | 'overdue';

/** Parses a lead from its key ('study'), its number 1–5, or its Chinese name (带头学习提高 or 学习提高). */
export function parseLead(text: string): Result<Lead> {
  const t = toHalfWidth(text).trim().toLowerCase();
  const byNumber = /^[1-5]$/.test(t) ? LEADS[Number(t) - 1] : undefined;
  const found =
    byNumber ?? LEADS.find((l) => l === t || LEAD_NAMES_ZH[l] === t || LEAD_NAMES_ZH[l].slice(2) === t);
  return found ? ok(found) : fail('error-pledge-bad-lead', { value: text.trim() });
}

/**
 * Checks a due date typed in any common form (src/domain/date-text.ts; without a year, the next
 * such day): not before today and at most 12 months ahead (branch zone).
 */
export function validateDueDate(text: string, now: Date, tz: string): Result<IsoDate> {
  const today = localDate(now, tz);
  const dueDate = parseDateText(text, today, 'future');
  if (!dueDate) return fail('error-pledge-bad-date', { value: text.trim() });
  if (dueDate < today) return fail('error-pledge-due-in-past', { today });
  const latest = DateTime.fromISO(today).plus({ months: PLEDGE_HORIZON_MONTHS }).toISODate() ?? '';
  if (dueDate > latest) return fail('error-pledge-due-too-far', { latest });
  return ok(dueDate);
}

/** Validates an item as typed: lead, text (5–200 code points) and due date. */
export function validatePledgeItem(
  input: { readonly lead: string; readonly text: string; readonly dueDate: string },
  now: Date,
  tz: string,
): Result<PledgeItemDraft> {
  const lead = parseLead(input.lead);
  if (!lead.ok) return lead;
  const text = validateText('pledge-text', input.text);
  if (!text.ok) return text;
  const dueDate = validateDueDate(input.dueDate, now, tz);
  if (!dueDate.ok) return dueDate;
  return ok({ lead: lead.value, text: text.value, dueDate: dueDate.value });
}

/**
 * Status shown in the ledger (承诺台账): an approved item not claimed done by the end of its
 * due date (branch zone) is overdue. A claimed item awaits the secretary and is never overdue.
 */
export function itemStatus(
  item: Pick<PledgeItem, 'status' | 'dueDate'>,
  now: Date,
  tz: string,
): PledgeItemStatus {
  if (item.status === 'approved' && localDate(now, tz) > item.dueDate) return 'overdue';
  return item.status;
}

export type PledgeItemEvent =
  | { readonly type: 'submit' | 'approve' | 'confirmDone' }
  | { readonly type: 'return' | 'rejectDone'; readonly reason: string }
  | { readonly type: 'markDone'; readonly evidence: string };

/**
 * Item transitions: draft|returned --submit--> pending --approve--> approved | --return(reason)--> returned;
 * approved (also when overdue) --markDone(evidence)--> claimed --confirmDone--> done,
 * claimed --rejectDone(reason)--> approved.
 */
export function transitionPledgeItem(
  item: PledgeItem,
  event: PledgeItemEvent,
  now: Date,
  tz: string,
): Result<PledgeItem> {
  const invalid = fail<PledgeItem>('error-pledge-item-transition', { from: item.status, event: event.type });
  const draft = { id: item.id, lead: item.lead, text: item.text, dueDate: item.dueDate };
  switch (event.type) {
    case 'submit':
      return item.status === 'draft' || item.status === 'returned'
        ? ok({ ...draft, status: 'pending' })
        : invalid;
    case 'approve':
      return item.status === 'pending' ? ok({ ...draft, status: 'approved' }) : invalid;
    case 'return': {
      if (item.status !== 'pending') return invalid;
      const reason = validateText('return-reason', event.reason);
      return reason.ok ? ok({ ...draft, status: 'returned', reason: reason.value }) : reason;
    }
    case 'markDone': {
      if (item.status !== 'approved') return invalid;
      const evidence = validateText('evidence', event.evidence);
      if (!evidence.ok) return evidence;
      return ok({ ...draft, status: 'claimed', evidence: evidence.value, claimedOn: localDate(now, tz) });
    }
    case 'confirmDone':
      return item.status === 'claimed'
        ? ok({ ...item, status: 'done', doneOn: localDate(now, tz) })
        : invalid;
    case 'rejectDone': {
      if (item.status !== 'claimed') return invalid;
      const reason = validateText('return-reason', event.reason);
      return reason.ok ? ok({ ...draft, status: 'approved' }) : reason;
    }
  }
}
