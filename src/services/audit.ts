import type { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';

export interface AuditEntry {
  branchId: Types.ObjectId;
  actorId: number;
  action: string;
  target?: string;
  before?: unknown;
  after?: unknown;
}

/** Writes one line of the audit log (who, what, when, before and after). */
export function createAudit(models: Pick<Models, 'Audit'>, clock: () => Date) {
  return async (entry: AuditEntry) => {
    await models.Audit.create({ ...entry, at: clock() });
  };
}
export type Audit = ReturnType<typeof createAudit>;
