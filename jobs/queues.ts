import { Redis } from 'ioredis';

/** Queue names: one place, so producers and the worker never disagree. */
export const QUEUES = {
  /** Every outgoing message, kept under Telegram's limits. */
  sender: 'sender',
  /** Monthly rounds, reminders and announcements, driven by job schedulers. */
  schedule: 'schedule',
  /** Archive exports (XLSX, PDF): one at a time per branch, progress shown by editing a message. */
  export: 'export',
} as const;

/** Job names on the schedule queue. */
export const SCHEDULE_JOBS = [
  'round-open',
  'round-close',
  'daily',
  'announce',
  'reconcile',
  'committee-compare',
  'committee-day',
] as const;
export type ScheduleJobName = (typeof SCHEDULE_JOBS)[number];

/**
 * Data of a scheduled job. `asOf` (ISO instant) overrides the scheduled time, so tests and the
 * secretary's early actions run a processor "as of" a chosen moment; `month` forces the month.
 */
export interface ScheduleJobData {
  branchId?: string;
  /** The committee a 'committee-compare' job is for (with `month`). */
  committeeId?: string;
  asOf?: string;
  month?: string;
}

/** The Redis connection BullMQ wants: no per-request retry limit, so a worker waits out a blip. */
export function redisConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}

/**
 * Logs the 'error' events of Redis connections and of the BullMQ queues and workers on them: with
 * Redis away they emit 'error' and reconnect by themselves; an unheard 'error' would end the process.
 */
export function logRedisErrors(
  log: { warn(obj: object, msg: string): void },
  emitters: readonly { on(event: 'error', listener: (err: Error) => void): unknown }[],
  msg = 'redis: connection error',
): void {
  for (const e of emitters) e.on('error', (err: Error) => log.warn({ err: err.message }, msg));
}
