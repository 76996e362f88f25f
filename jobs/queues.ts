import { Redis } from 'ioredis';

/** Queue names: one place, so producers and the worker never disagree. */
export const QUEUES = {
  /** Every outgoing message, kept under Telegram's limits. */
  sender: 'sender',
  /** Monthly rounds, reminders and announcements, driven by job schedulers. */
  schedule: 'schedule',
} as const;

/** The Redis connection BullMQ wants: no per-request retry limit, so a worker waits out a blip. */
export function redisConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}
