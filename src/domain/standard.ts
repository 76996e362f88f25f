import { fail, ok, type Result } from './errors.js';
import { validateText } from './text.js';

/**
 * Post standard (定标): member proposes (党员提标准) → masses comment (群众议标准) →
 * organisation decides (组织定标准). `revision` counts resubmissions, starting at 1.
 */
export type PostStandard =
  | { readonly status: 'draft'; readonly text: string; readonly revision: number }
  | {
      readonly status: 'commenting';
      readonly text: string;
      readonly revision: number;
      readonly openedAt: Date;
      readonly closesAt: Date;
    }
  | {
      readonly status: 'approved';
      readonly text: string;
      readonly revision: number;
      readonly approvedAt: Date;
      /** Why it was approved before its comment period ended (提前审定), when it was. */
      readonly earlyReason?: string;
    }
  | {
      readonly status: 'returned';
      readonly text: string;
      readonly revision: number;
      readonly reason: string;
      readonly returnedAt: Date;
    };

export type StandardEvent =
  | { readonly type: 'edit'; readonly text: string }
  | { readonly type: 'submit'; readonly commentPeriodDays: number }
  | { readonly type: 'approve' }
  | { readonly type: 'approveEarly'; readonly reason: string }
  | { readonly type: 'return'; readonly reason: string }
  | { readonly type: 'revise'; readonly text: string; readonly commentPeriodDays: number }
  | { readonly type: 'reopen' };

const DAY_MS = 86_400_000;

/** A new draft standard, its text validated (10–1000 code points). */
export function draftStandard(text: string): Result<PostStandard> {
  const checked = validateText('standard-text', text);
  return checked.ok ? ok({ status: 'draft', text: checked.value, revision: 1 }) : checked;
}

function openComments(text: string, revision: number, now: Date, days: number): PostStandard {
  return {
    status: 'commenting',
    text,
    revision,
    openedAt: now,
    closesAt: new Date(now.getTime() + days * DAY_MS),
  };
}

/**
 * The standard's lifecycle as a pure function:
 * draft --edit--> draft --submit--> commenting --approve (after the period)--> approved;
 * commenting --approveEarly(reason) (before the period ends, 提前审定)--> approved;
 * commenting --return(reason)--> returned --revise(text)--> commenting (revision + 1);
 * approved --reopen--> draft (revision + 1), for the yearly renewal.
 * The comment period is `commentPeriodDays` × 24 h from submission.
 */
export function transitionStandard(
  state: PostStandard,
  event: StandardEvent,
  now: Date,
): Result<PostStandard> {
  const invalid = () =>
    fail<PostStandard>('error-standard-transition', { from: state.status, event: event.type });
  switch (event.type) {
    case 'edit': {
      if (state.status !== 'draft') return invalid();
      const text = validateText('standard-text', event.text);
      return text.ok ? ok({ ...state, text: text.value }) : text;
    }
    case 'submit':
      if (state.status !== 'draft') return invalid();
      return ok(openComments(state.text, state.revision, now, event.commentPeriodDays));
    case 'approve':
      if (state.status !== 'commenting') return invalid();
      if (isCommentOpen(state, now)) {
        return fail('error-standard-comment-period-open', { closesAt: state.closesAt.toISOString() });
      }
      return ok({ status: 'approved', text: state.text, revision: state.revision, approvedAt: now });
    case 'approveEarly': {
      // Before the period ends only with a reason; once it has ended this is a plain approval.
      if (state.status !== 'commenting') return invalid();
      const approved = {
        status: 'approved',
        text: state.text,
        revision: state.revision,
        approvedAt: now,
      } as const;
      if (!isCommentOpen(state, now)) return ok(approved);
      const reason = validateText('early-reason', event.reason);
      return reason.ok ? ok({ ...approved, earlyReason: reason.value }) : reason;
    }
    case 'return': {
      if (state.status !== 'commenting') return invalid();
      const reason = validateText('return-reason', event.reason);
      if (!reason.ok) return reason;
      return ok({ ...base(state), status: 'returned', reason: reason.value, returnedAt: now });
    }
    case 'revise': {
      if (state.status !== 'returned') return invalid();
      const text = validateText('standard-text', event.text);
      if (!text.ok) return text;
      return ok(openComments(text.value, state.revision + 1, now, event.commentPeriodDays));
    }
    case 'reopen':
      if (state.status !== 'approved') return invalid();
      return ok({ status: 'draft', text: state.text, revision: state.revision + 1 });
  }
}

const base = (s: PostStandard) => ({ text: s.text, revision: s.revision });

/** True while the masses may still comment: commenting and before `closesAt`. */
export function isCommentOpen(standard: PostStandard, now: Date): boolean {
  return standard.status === 'commenting' && now.getTime() < standard.closesAt.getTime();
}

/** Validates a comment (1–500 code points) and checks the comment period is still open. */
export function validateComment(standard: PostStandard, text: string, now: Date): Result<string> {
  if (!isCommentOpen(standard, now)) return fail('error-standard-comment-closed');
  return validateText('comment', text);
}
