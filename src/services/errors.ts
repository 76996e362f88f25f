/** i18n keys of refusals that come from the state of records or the actor's role, not from input. */
export const SERVICE_ERROR_KEYS = [
  'error-branch-not-bound',
  'error-branch-already-bound',
  'error-branch-inactive',
  'error-not-chat-admin',
  'error-secretary-only',
  'error-reviewer-only',
  'error-appoint-not-admin',
  'error-appoint-already',
  'error-unappoint-not-committee',
  'error-appoint-self',
  'error-action-unavailable',
  'error-user-unknown',
  'error-private-only',
  'error-group-only',
  'error-not-in-group',
  'error-not-member',
  'error-already-member',
  'error-review-own',
  'error-appraisal-published',
  'error-appraisal-year',
  'error-appraisal-probationary',
  'error-standard-none',
  'error-standard-under-comment',
  'error-no-branch',
  'error-not-owner',
  'error-round-not-open',
  'error-round-not-found',
  'error-round-not-provisional',
  'error-ballot-self',
  'error-ballot-duplicate',
  'error-objection-window-closed',
  'error-objection-duplicate',
  'error-objection-not-found',
  'error-result-not-found',
  'error-result-none',
  'error-export-not-allowed',
  'error-export-running',
  'error-export-start-bot',
  'error-committee-not-bound',
  'error-committee-already-bound',
  'error-committee-role-only',
  'error-committee-secretary-only',
  'error-committee-invite-invalid',
  'error-committee-cannot-join',
  'error-committee-already-joined',
  'error-committee-not-joined',
  'error-committee-group-only',
  'error-committee-none',
  'error-committee-branch-not-in-tree',
  'error-group-is-committee',
  'error-group-is-branch',
] as const;
export type ServiceErrorKey = (typeof SERVICE_ERROR_KEYS)[number];

/** A refused action: carries the i18n key and values for the sentence the user sees. */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  constructor(
    readonly key: ServiceErrorKey,
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(`${key} ${JSON.stringify(params)}`);
  }
}
