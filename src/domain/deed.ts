import { localDate, type IsoDate } from './dates.js';
import { checkDeedDate, parseDeedDate, parsePeopleCount } from './deed-parse.js';
import { fail, ok, type Result } from './errors.js';
import { validateText } from './text.js';

/** One deed, one record (一件事一记录): something real a member did for the masses. */
export interface DeedDraft {
  readonly what: string;
  readonly date: IsoDate;
  readonly forWhom: string;
  readonly peopleHelped: number;
  readonly pledgeItemId?: string;
  readonly photoFileId?: string;
}

/** Review by the secretary or a committee member; verified deeds form the 对标记录卡. */
export type DeedReview =
  | { readonly status: 'pending' | 'withdrawn' }
  | { readonly status: 'verified'; readonly verifiedAt: Date }
  | { readonly status: 'rejected'; readonly reason: string; readonly rejectedAt: Date };

export type Deed = DeedDraft & { readonly id: string; readonly memberId: string } & DeedReview;

/** Defaults of `/deed <text>`: whom it helped when not said, and how many people. */
export const QUICK_DEED_DEFAULTS = { forWhom: '群众', peopleHelped: 1 } as const;

/** Raw deed input as typed in the dialog; `date` defaults to today in the branch zone. */
export interface DeedInput {
  readonly what: string;
  readonly date?: string;
  readonly forWhom: string;
  readonly peopleHelped: string | number;
  readonly pledgeItemId?: string;
  readonly photoFileId?: string;
}

/** Validates a whole deed: what 2–500, date (see parseDeedDate), for whom 1–100, people 1–100000. */
export function validateDeed(input: DeedInput, now: Date, tz: string): Result<DeedDraft> {
  const what = validateText('deed-what', input.what);
  if (!what.ok) return what;
  const date =
    input.date === undefined
      ? checkDeedDate(localDate(now, tz), now, tz)
      : parseDeedDate(input.date, now, tz);
  if (!date.ok) return date;
  const forWhom = validateText('for-whom', input.forWhom);
  if (!forWhom.ok) return forWhom;
  const people = parsePeopleCount(String(input.peopleHelped));
  if (!people.ok) return people;
  const optional = {
    ...(input.pledgeItemId !== undefined && { pledgeItemId: input.pledgeItemId }),
    ...(input.photoFileId !== undefined && { photoFileId: input.photoFileId }),
  };
  return ok({
    what: what.value,
    date: date.value,
    forWhom: forWhom.value,
    peopleHelped: people.value,
    ...optional,
  });
}

/**
 * `/deed <text>`: the whole text is what was done, dated today (branch zone), for
 * QUICK_DEED_DEFAULTS.forWhom (群众), helping 1 person. The member can edit it while pending.
 */
export function parseQuickDeed(text: string, now: Date, tz: string): Result<DeedDraft> {
  return validateDeed({ what: text, ...QUICK_DEED_DEFAULTS }, now, tz);
}

export type DeedEvent =
  | { readonly type: 'verify' }
  | { readonly type: 'reject'; readonly reason: string }
  | { readonly type: 'edit'; readonly actorMemberId: string; readonly draft: DeedDraft }
  | { readonly type: 'withdraw'; readonly actorMemberId: string };

/**
 * Deed review: pending --verify--> verified | --reject(reason)--> rejected | --withdraw--> withdrawn.
 * Only the author may edit or withdraw, and only while pending. `edit` takes an already validated draft.
 */
export function transitionDeed(deed: Deed, event: DeedEvent, now: Date): Result<Deed> {
  if (deed.status !== 'pending')
    return fail('error-deed-transition', { from: deed.status, event: event.type });
  const { id, memberId, what, date, forWhom, peopleHelped, pledgeItemId, photoFileId } = deed;
  const draft: DeedDraft = { what, date, forWhom, peopleHelped, pledgeItemId, photoFileId };
  switch (event.type) {
    case 'verify':
      return ok({ ...draft, id, memberId, status: 'verified', verifiedAt: now });
    case 'reject': {
      const reason = validateText('reject-reason', event.reason);
      return reason.ok
        ? ok({ ...draft, id, memberId, status: 'rejected', reason: reason.value, rejectedAt: now })
        : reason;
    }
    case 'edit':
      if (event.actorMemberId !== memberId) return fail('error-deed-not-owner');
      return ok({ ...event.draft, id, memberId, status: 'pending' });
    case 'withdraw':
      if (event.actorMemberId !== memberId) return fail('error-deed-not-owner');
      return ok({ ...draft, id, memberId, status: 'withdrawn' });
  }
}
