import type { QueryFilter, Model, Types, UpdateQuery } from 'mongoose';
import type { Audit, AuditEntry } from './audit.js';
import { authorize, type Action, type ActionRecord, type Actor } from './authorize.js';
import { ServiceError } from './errors.js';

/** A stored record that moves from state to state. */
interface Stateful {
  _id: Types.ObjectId;
  status: string;
}

/** One guarded change of a record's state, as a service asks for it. */
export interface TransitionSpec<T extends Stateful> {
  /** The model the record is stored in. */
  model: Model<T>;
  /** The record as read, or null when there is none. */
  before: T | null;
  /** Asked of the one policy first, before whether the record exists or may move. */
  policy?: { actor: Actor; action: Action; record: ActionRecord | undefined };
  /** The states it may move from; without it, the domain rule in `change` decides. */
  from?: readonly T['status'][];
  /** More of the record as read that must still hold when it is written (its revision). */
  guard?: QueryFilter<T>;
  /** The domain rule: the update that makes the next state, or a throw that refuses. */
  change: (before: T) => UpdateQuery<T> | Promise<UpdateQuery<T>>;
  /** The audit line (before and after are added), written once the change is made. */
  audit?: Omit<AuditEntry, 'before' | 'after'>;
}

/**
 * The one shape of a service's state change: ask the policy, refuse a missing record or one in
 * another state, apply the domain rule, write conditional on the state read (so a second press,
 * or a race, finds nothing to do and is refused as unavailable), then audit. Returns the record
 * as written.
 */
export function createTransition(audit: Audit) {
  return async function transition<T extends Stateful>(spec: TransitionSpec<T>): Promise<T> {
    if (spec.policy) authorize(spec.policy.actor, spec.policy.action, spec.policy.record);
    const { before } = spec;
    if (!before || (spec.from && !spec.from.includes(before.status)))
      throw new ServiceError('error-action-unavailable');
    const update = await spec.change(before);
    const filter = { _id: before._id, status: before.status, ...spec.guard } as QueryFilter<T>;
    const after = await spec.model.findOneAndUpdate(filter, update, { returnDocument: 'after' }).lean<T>();
    if (!after) throw new ServiceError('error-action-unavailable');
    if (spec.audit) await audit({ ...spec.audit, before, after });
    return after;
  };
}
export type Transition = ReturnType<typeof createTransition>;
