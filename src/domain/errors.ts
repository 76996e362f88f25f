/** Free-text fields that must stay on one line: they also yield `error-<field>-multiline`. */
export const SINGLE_LINE_FIELDS = ['real-name', 'post', 'unit', 'motto', 'for-whom', 'branch-name'] as const;

/** Every free-text field the domain validates; each yields `error-<field>-too-short` and `-too-long`. */
export const TEXT_FIELDS = [
  ...SINGLE_LINE_FIELDS,
  'standard-text',
  'comment',
  'pledge-text',
  'return-reason',
  'evidence',
  'deed-what',
  'reject-reason',
  'feedback-text',
  'outcome',
  'override-reason',
  'early-reason',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

const TEXT_ERROR_KEYS = [
  ...TEXT_FIELDS.flatMap((f) => [`error-${f}-too-short` as const, `error-${f}-too-long` as const]),
  ...SINGLE_LINE_FIELDS.map((f) => `error-${f}-multiline` as const),
];

const OTHER_ERROR_KEYS = [
  'error-settings-unknown-key',
  'error-settings-not-integer',
  'error-settings-out-of-range',
  'error-settings-bad-time-zone',
  'error-settings-bad-language',
  'error-settings-bad-boolean',
  'error-settings-bad-date',
  'error-settings-weights-format',
  'error-settings-weights-sum',
  'error-settings-reminder-days-format',
  'error-settings-min-items-order',
  'error-settings-invalid',
  'error-member-bad-membership',
  'error-member-bad-yes-no',
  'error-member-transition',
  'error-standard-transition',
  'error-standard-comment-period-open',
  'error-standard-comment-closed',
  'error-pledge-bad-lead',
  'error-pledge-bad-date',
  'error-pledge-due-in-past',
  'error-pledge-due-too-far',
  'error-pledge-too-few-items',
  'error-pledge-too-many-items',
  'error-pledge-oral-not-elderly',
  'error-pledge-item-transition',
  'error-pledge-transition',
  'error-deed-bad-date',
  'error-deed-date-in-future',
  'error-deed-date-too-old',
  'error-deed-people-not-number',
  'error-deed-people-out-of-range',
  'error-deed-transition',
  'error-deed-not-owner',
  'error-feedback-bad-kind',
  'error-feedback-transition',
  'error-feedback-upheld-only-complaint',
  'error-choose-option',
  'error-rating-score-not-integer',
  'error-rating-score-out-of-range',
  'error-rating-score-missing',
  'error-rating-override-reason-required',
  'error-rating-org-score-out-of-range',
  'error-calendar-bad-month',
  'error-calendar-bad-date',
  'error-export-bad-period',
  'error-committee-bad-code',
  'error-committee-bad-kind',
] as const;

export type DomainErrorKey = (typeof TEXT_ERROR_KEYS)[number] | (typeof OTHER_ERROR_KEYS)[number];

/** Every i18n key a DomainError may carry; the locale files must define each of them. */
export const DOMAIN_ERROR_KEYS: readonly DomainErrorKey[] = [...TEXT_ERROR_KEYS, ...OTHER_ERROR_KEYS];

export type ErrorParams = Readonly<Record<string, string | number>>;

/** A broken domain rule, carrying the i18n key and the values the localized sentence needs. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly key: DomainErrorKey,
    readonly params: ErrorParams = {},
  ) {
    super(`${key} ${JSON.stringify(params)}`);
  }
}

/** Outcome of every validation, parse and transition in the domain: no exceptions for user mistakes. */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DomainError };

/** Wraps a value as a successful result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Builds a failed result with a new DomainError. */
export function fail<T = never>(key: DomainErrorKey, params: ErrorParams = {}): Result<T> {
  return { ok: false, error: new DomainError(key, params) };
}

/** Returns the value or throws the DomainError, for callers (services) that prefer exceptions. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw result.error;
  return result.value;
}
