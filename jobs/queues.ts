import { createHash } from 'node:crypto';
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
  'dialog-sweep',
  'roster-sync',
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

/**
 * A Lua script for calls made per update: sent by SHA (EVALSHA), its text only when Redis does not
 * know it yet (NOSCRIPT: the first call after Redis started, which also caches it there). Plain
 * commands, so they auto-pipeline with the rest (ioredis's `defineCommand` breaks an open
 * auto-pipeline when it is defined in the middle of one).
 */
export function luaScript(lua: string, numberOfKeys: number) {
  const sha = createHash('sha1').update(lua).digest('hex');
  return async (redis: Redis, ...args: Array<string | number>): Promise<unknown> => {
    try {
      return await redis.evalsha(sha, numberOfKeys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return redis.eval(lua, numberOfKeys, ...args);
    }
  };
}
