import type { Job } from 'bullmq';
import { asOfJob } from '../as-of.js';
import type { ScheduleJobData, ScheduleJobName } from '../queues.js';
import type { JobDeps } from './context.js';
import { processCommitteeCompare, processCommitteeDay } from './committee-compare.js';
import { processDaily } from './daily.js';
import { processDialogSweep } from './dialog-sweep.js';
import { processReconcile } from './reconcile.js';
import { processRoundClose } from './round-close.js';
import { processRosterSync } from './roster-sync.js';
import { processRoundOpen } from './round-open.js';

/** Routes a scheduled job to its processor, with the instant it stands for. */
export function createScheduleProcessor(deps: JobDeps) {
  return async (job: Job<ScheduleJobData, unknown, string>) => {
    const asOf = asOfJob(job);
    switch (job.name as ScheduleJobName) {
      case 'round-open':
        return processRoundOpen(deps, job.data, asOf);
      case 'round-close':
        return processRoundClose(deps, job.data, asOf);
      case 'daily':
      case 'announce':
        return processDaily(deps, job.data, asOf);
      case 'committee-compare':
        return processCommitteeCompare(deps, job.data);
      case 'committee-day':
        return processCommitteeDay(deps, asOf);
      case 'dialog-sweep':
        return processDialogSweep(deps, asOf);
      case 'roster-sync':
        return processRosterSync(deps, asOf);
      case 'reconcile':
        return processReconcile(deps);
      default:
        throw new Error(`no processor for job ${job.name}`);
    }
  };
}
