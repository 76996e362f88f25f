import type { BranchDoc } from '../../src/db/models/branch.js';
import { settingsOf } from '../../src/services/branch-settings.js';
import { quarterOfReportKey } from '../../src/services/reminder-pledges.js';
import type { ScheduleJobData } from '../queues.js';
import { queueCommitteeCompare } from './committee-compare.js';
import type { JobDeps } from './context.js';

/** Finalizes rounds whose objection window has passed and queues their announcement once. */
export async function finalizeAndAnnounce(deps: JobDeps, branch: BranchDoc, asOf: Date) {
  const rounds = await deps.services.rounds.toFinish(branch._id, asOf);
  const announced: string[] = [];
  for (const round of rounds) {
    if (round.status === 'provisional') {
      const r = await deps.ratings.finalize(branch._id, round.month, { asOf });
      if (!r.finalized) continue;
    }
    for (const msg of await deps.announcements.final(branch, round.month)) await deps.outbox.send(msg);
    await deps.services.rounds.markAnnounced(round._id, asOf);
    announced.push(round.month);
    await queueCommitteeCompare(deps, branch, round.month);
  }
  return announced;
}

/** The quarterly report also as XLSX (export job), to the secretary the text report went to. */
async function queueQuarterReport(deps: JobDeps, branch: BranchDoc, quarter: string, userId: number) {
  const locales = await deps.services.users.readers([userId], settingsOf(branch).language);
  await deps.exportJobs.scheduled(
    {
      requestId: `quarter-${quarter}`,
      branchId: String(branch._id),
      userId,
      kind: 'quarter',
      period: quarter,
      locale: locales.get(userId)!.locale,
    },
    quarter,
  );
}

/** Daily at the reminder hour: finalization and announcements, then the reminders due today. */
export async function processDaily(deps: JobDeps, data: ScheduleJobData, asOf: Date) {
  const branch = data.branchId ? await deps.services.branches.byId(data.branchId) : null;
  if (!branch?.active) return 'no-branch';
  const announced = await finalizeAndAnnounce(deps, branch, asOf);
  const reminders = await deps.reminders.due(branch, asOf);
  for (const msg of reminders) await deps.outbox.send(msg);
  for (const msg of reminders) {
    const quarter = quarterOfReportKey(msg.key);
    if (quarter) await queueQuarterReport(deps, branch, quarter, msg.chatId);
  }
  return `announced [${announced.join(',')}], ${reminders.length} reminders`;
}
