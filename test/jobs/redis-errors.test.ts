import { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { logRedisErrors, redisConnection } from '../../jobs/queues.js';
import { freePort } from '../../src/local-redis/index.js';

describe('logRedisErrors', () => {
  it('logs the errors of a connection and of a queue with Redis away, and the process goes on', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`; // nothing listens there
    const warned: { err: unknown; msg: string }[] = [];
    const log = {
      warn: (obj: object, msg: string) => void warned.push({ ...(obj as { err: unknown }), msg }),
    };
    const conn = redisConnection(url);
    const queue = new Queue('redis-errors-test', { connection: redisConnection(url) });
    logRedisErrors(log, [conn]);
    logRedisErrors(log, [queue], 'redis: queue connection error');
    const deadline = Date.now() + 10_000;
    while (
      Date.now() < deadline &&
      !(
        warned.some((w) => w.msg === 'redis: connection error') &&
        warned.some((w) => w.msg === 'redis: queue connection error')
      )
    )
      await new Promise((r) => setTimeout(r, 50));
    conn.disconnect();
    await queue.close().catch((err: unknown) => warned.push({ err, msg: 'close' }));
    expect(warned.find((w) => w.msg === 'redis: connection error')?.err).toMatch(/ECONNREFUSED/);
    expect(warned.find((w) => w.msg === 'redis: queue connection error')?.err).toMatch(/ECONNREFUSED/);
  });
});
