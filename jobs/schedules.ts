import type { Queue } from 'bullmq';
import type { BranchSettings } from '../src/domain/settings.js';
import type { ScheduleJobData, ScheduleJobName } from './queues.js';

/** The job schedulers every bound branch has, one per kind. */
export const SCHEDULED_KINDS = [
  'round-open',
  'round-close',
  'daily',
] as const satisfies readonly ScheduleJobName[];
export type ScheduledKind = (typeof SCHEDULED_KINDS)[number];

/** Stable scheduler id: upserting again replaces the schedule instead of adding another. */
export const schedulerId = (kind: ScheduledKind, branchId: string) => `${kind}:${branchId}`;

type Timing = Pick<BranchSettings, 'roundOpenHour' | 'roundCloseDay' | 'roundCloseHour' | 'reminderHour'>;

/**
 * Cron patterns in the branch's zone. The open and daily jobs fire every day at their hour and
 * the processor decides (from the working-day calendar and the settings) whether today is the day:
 * "the last 3 days" and "the next working day" are not expressible in cron.
 */
export function cronFor(kind: ScheduledKind, s: Timing): string {
  switch (kind) {
    case 'round-open':
      return `0 ${s.roundOpenHour} * * *`;
    case 'round-close':
      return `0 ${s.roundCloseHour} ${s.roundCloseDay} * *`;
    case 'daily':
      return `0 ${s.reminderHour} * * *`;
  }
}

/** Creates or updates the branch's schedulers after binding or a settings change. */
export async function syncBranchSchedules(
  queue: Queue<ScheduleJobData>,
  branchId: string,
  settings: Timing & Pick<BranchSettings, 'timeZone'>,
): Promise<void> {
  for (const kind of SCHEDULED_KINDS) {
    await queue.upsertJobScheduler(
      schedulerId(kind, branchId),
      { pattern: cronFor(kind, settings), tz: settings.timeZone },
      { name: kind, data: { branchId }, opts: { removeOnComplete: 100, removeOnFail: 500 } },
    );
  }
}

/** Removes the branch's schedulers when it is unbound. */
export async function removeBranchSchedules(queue: Queue<ScheduleJobData>, branchId: string): Promise<void> {
  for (const kind of SCHEDULED_KINDS) await queue.removeJobScheduler(schedulerId(kind, branchId));
}

/** A fingerprint of what the schedulers depend on; reconciling skips branches whose print is unchanged. */
export function scheduleFingerprint(settings: Timing & Pick<BranchSettings, 'timeZone'>): string {
  return SCHEDULED_KINDS.map((k) => cronFor(k, settings)).join('|') + `|${settings.timeZone}`;
}
