import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { gaugeOf } from './metrics.js';

/** MongoDB answers a ping now (not: the driver would queue the command until it is back). */
export const mongoAnswers = (conn: Connection) => async () =>
  conn.readyState === 1 && conn.db !== undefined && (await conn.db.command({ ping: 1 })).ok === 1;

/** Redis answers a PING now. */
export const redisAnswers = (redis: Redis) => async () =>
  redis.status === 'ready' && (await redis.ping()) === 'PONG';

/** The sender queue's messages not yet sent, as a gauge (both processes can report it). */
export function senderDepthGauge(queue: Queue) {
  return gaugeOf('sender_queue_depth', 'Outgoing messages queued and not yet sent', async () => {
    const c = await queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
    return Object.values(c).reduce((a, b) => a + b, 0);
  });
}
