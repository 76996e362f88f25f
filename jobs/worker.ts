import { Worker } from 'bullmq';
import type { Logger } from 'pino';
import { QUEUES, redisConnection } from './queues.js';

/**
 * The worker process: consumes the scheduled-work queue. Processors arrive with the rating and
 * reminder features; an unknown job name fails loudly rather than being dropped.
 */
export async function startWorker({ redisUrl, log }: { redisUrl: string; log: Logger }) {
  const connection = redisConnection(redisUrl);
  const worker = new Worker(
    QUEUES.schedule,
    async (job) => {
      throw new Error(`no processor for job ${job.name}`);
    },
    { connection, concurrency: 4 },
  );
  worker.on('failed', (job, err) => log.error({ err, job: job?.name, id: job?.id }, 'job failed'));
  await worker.waitUntilReady();
  return {
    async close() {
      await worker.close();
      await connection.quit();
    },
  };
}
