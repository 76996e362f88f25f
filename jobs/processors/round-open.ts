import type { Types } from 'mongoose';
import { localDate } from '../../src/domain/dates.js';
import { roundOpeningOn } from '../../src/domain/rating-schedule.js';
import { settingsOf } from '../../src/services/branch-settings.js';
import type { ScheduleJobData } from '../queues.js';
import type { JobDeps } from './context.js';

/**
 * Daily at the opening hour: on the opening day (or with `data.month`, the secretary opening
 * early) opens the round and posts how to rate, with the button into the private dialog.
 */
export async function processRoundOpen(deps: JobDeps, data: ScheduleJobData, asOf: Date) {
  const branch = data.branchId ? await deps.services.branches.byId(data.branchId) : null;
  if (!branch?.active) return 'no-branch';
  const s = settingsOf(branch);
  const month = data.month ?? roundOpeningOn(localDate(asOf, s.timeZone), s);
  if (!month) return 'not-today';
  const { round, created } = await deps.ratings.open(branch._id as Types.ObjectId, month, { asOf });
  // Opened early by the secretary: the bot queued the opening post then (same key).
  if (!created && round.openedBy !== undefined) return `opened early ${month}`;
  await deps.outbox.send(deps.announcements.opening(branch, month, deps.botUsername));
  return `opened ${month}`;
}
