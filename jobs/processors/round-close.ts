import { localDate } from '../../src/domain/dates.js';
import { roundClosingOn } from '../../src/domain/rating-schedule.js';
import { settingsOf } from '../../src/services/branch-settings.js';
import type { ScheduleJobData } from '../queues.js';
import type { JobDeps } from './context.js';

/**
 * On the closing day (or for `data.month`, the secretary closing early): computes the provisional
 * results (resumable, keyed by member) and queues the publication (公示) post and the members'
 * private breakdowns (keyed, so a second run queues nothing new).
 */
export async function processRoundClose(deps: JobDeps, data: ScheduleJobData, asOf: Date) {
  const branch = data.branchId ? await deps.services.branches.byId(data.branchId) : null;
  if (!branch?.active) return 'no-branch';
  const s = settingsOf(branch);
  const today = localDate(asOf, s.timeZone);
  const month = data.month ?? roundClosingOn(today, s);
  if (!month) return 'not-today';
  const before = await deps.services.rounds.ofMonth(branch._id, month);
  // Closed early by the secretary: the bot queued the publication then (same keys).
  if (before && before.status !== 'open' && before.closedBy !== undefined) return `closed early ${month}`;
  const { round, created } = await deps.ratings.close(branch._id, month, { asOf });
  for (const msg of await deps.announcements.provisional(branch, round)) await deps.outbox.send(msg);
  return `closed ${month}: ${created} results`;
}
