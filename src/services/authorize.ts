import { denial, type Action, type ActionRecord, type Actor } from '../domain/roles.js';
import { ServiceError } from './errors.js';

export type { Action, ActionRecord, Actor } from '../domain/roles.js';

/**
 * The one permission check every acting service method makes: the policy's refusal as a
 * ServiceError (its i18n key says why), or nothing when the actor may act.
 */
export function authorize(actor: Actor, action: Action, record?: ActionRecord): void {
  const key = denial(actor, action, record);
  if (key) throw new ServiceError(key);
}

/** A record of a branch owned by (or about) `ownerId`, as the policy sees it. */
export function recordOf(
  branch: { _id: { toString(): string }; secretaryId: number },
  ownerId: number,
): ActionRecord {
  return { ownerId, ownerIsSecretary: ownerId === branch.secretaryId, branchId: branch._id.toString() };
}
