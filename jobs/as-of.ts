import type { Job } from 'bullmq';
import type { ScheduleJobData } from './queues.js';

/**
 * The instant a scheduled job stands for: `data.asOf` when given, else the time its scheduler
 * fired it for (encoded in the id `repeat:<scheduler>:<millis>`, or timestamp + delay). Never the
 * wall clock at processing time, so a job retried hours later after a crash still works on the
 * day it was meant for.
 */
export function asOfJob(job: Pick<Job<ScheduleJobData>, 'data' | 'id' | 'timestamp' | 'opts'>): Date {
  if (job.data.asOf) return new Date(job.data.asOf);
  const m = /^repeat:.+:(\d{10,})$/.exec(job.id ?? '');
  if (m) return new Date(Number(m[1]));
  return new Date(job.timestamp + (job.opts.delay ?? 0));
}
