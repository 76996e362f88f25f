import { fail, ok, type Result } from './errors.js';
import { validateText } from './text.js';

/** Feedback book (意见簿): praise 表扬, suggestion 建议, complaint 投诉. */
export type FeedbackKind = 'praise' | 'suggestion' | 'complaint';
export const FEEDBACK_KINDS: readonly FeedbackKind[] = ['praise', 'suggestion', 'complaint'];

/** Who left it. Anonymous entries cannot carry a sender: the type forbids it. */
export type FeedbackAuthor =
  | { readonly anonymous: true; readonly senderUserId?: never }
  | { readonly anonymous: false; readonly senderUserId: number };

/** Handling by the secretary; `upheld` is recorded for complaints only (it costs organisation points). */
export type FeedbackHandling =
  | { readonly status: 'open' }
  | {
      readonly status: 'handled';
      readonly outcome: string;
      readonly handledAt: Date;
      readonly upheld?: boolean;
    };

export interface FeedbackDraft {
  readonly kind: FeedbackKind;
  readonly text: string;
  /** The member the feedback is about; absent when it is about the branch as a whole. */
  readonly aboutMemberId?: string;
  readonly author: FeedbackAuthor;
}

export type Feedback = FeedbackDraft & { readonly id: string } & FeedbackHandling;

const KIND_WORDS: Readonly<Record<string, FeedbackKind>> = {
  praise: 'praise',
  表扬: 'praise',
  suggestion: 'suggestion',
  建议: 'suggestion',
  complaint: 'complaint',
  投诉: 'complaint',
};

/** Parses a kind from its key or Chinese name. */
export function parseFeedbackKind(text: string): Result<FeedbackKind> {
  const kind = KIND_WORDS[text.trim().toLowerCase()];
  return kind ? ok(kind) : fail('error-feedback-bad-kind', { value: text.trim() });
}

/**
 * Validates new feedback (text 2–500). With `anonymous` the sender id is dropped here,
 * so it can never reach storage.
 */
export function validateFeedback(input: {
  readonly kind: FeedbackKind;
  readonly text: string;
  readonly anonymous: boolean;
  readonly senderUserId: number;
  readonly aboutMemberId?: string;
}): Result<FeedbackDraft> {
  const text = validateText('feedback-text', input.text);
  if (!text.ok) return text;
  const author: FeedbackAuthor = input.anonymous
    ? { anonymous: true }
    : { anonymous: false, senderUserId: input.senderUserId };
  const about = input.aboutMemberId === undefined ? {} : { aboutMemberId: input.aboutMemberId };
  return ok({ kind: input.kind, text: text.value, author, ...about });
}

/** open --handle(outcome 1–500, upheld for complaints)--> handled. Handled feedback is final. */
export function handleFeedback(
  feedback: Feedback,
  outcomeText: string,
  now: Date,
  upheld?: boolean,
): Result<Feedback> {
  if (feedback.status !== 'open') return fail('error-feedback-transition', { from: feedback.status });
  if (upheld !== undefined && feedback.kind !== 'complaint')
    return fail('error-feedback-upheld-only-complaint');
  const outcome = validateText('outcome', outcomeText);
  if (!outcome.ok) return outcome;
  const { id, kind, text, author, aboutMemberId } = feedback;
  const about = aboutMemberId === undefined ? {} : { aboutMemberId };
  return ok({
    id,
    kind,
    text,
    author,
    ...about,
    status: 'handled',
    outcome: outcome.value,
    handledAt: now,
    ...(kind === 'complaint' && { upheld: upheld ?? false }),
  });
}

/**
 * What the member a feedback entry is about may see: praise at once, complaints once the
 * secretary has handled them; suggestions go to the branch only.
 */
export function visibleToMember(feedback: Pick<Feedback, 'kind' | 'status'>): boolean {
  if (feedback.kind === 'praise') return true;
  return feedback.kind === 'complaint' && feedback.status === 'handled';
}
