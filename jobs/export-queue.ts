import { Job, Queue } from 'bullmq';
import type { ExportRequest } from '../src/services/export/export-service.js';
import { QUEUES, redisConnection } from './queues.js';

/** One export at a time per branch: the job id is the branch's, so a second add finds the first. */
export const exportJobId = (branchId: string) => `export.${branchId}`;

/** The producer side of the export queue, used by the bot. */
export function createExportJobs(queue: Queue<ExportRequest>) {
  return {
    /** True while an export of the branch waits or runs. */
    async running(branchId: string): Promise<boolean> {
      const job = await Job.fromId<ExportRequest>(queue, exportJobId(branchId));
      return job !== undefined && !(await job.isCompleted()) && !(await job.isFailed());
    },
    /**
     * Queues the export unless one of the branch is already there (added by this or another bot
     * process a moment before: the job id decides, atomically in Redis). Finished jobs are removed,
     * so the next request starts a new one.
     */
    async start(req: ExportRequest): Promise<'started' | 'running'> {
      await queue.add('export', req, {
        jobId: exportJobId(req.branchId),
        attempts: 1,
        removeOnComplete: true,
        removeOnFail: true,
      });
      const job = await Job.fromId<ExportRequest>(queue, exportJobId(req.branchId));
      return job?.data.requestId === req.requestId || job === undefined ? 'started' : 'running';
    },
    /**
     * Queues a scheduled export (the quarterly report's XLSX): once per natural key, kept a while
     * after it finishes so a retried daily job does not send it again.
     */
    async scheduled(req: ExportRequest, key: string): Promise<void> {
      await queue.add('export', req, {
        jobId: `export.${req.branchId}.${key}`,
        attempts: 3,
        backoff: { type: 'exponential', delay: 30_000 },
        removeOnComplete: { age: 40 * 24 * 3600 },
        removeOnFail: { age: 40 * 24 * 3600 },
      });
    },
  };
}
export type ExportJobs = ReturnType<typeof createExportJobs>;

/** The export queue for a process that only adds jobs (the bot): its own connection. */
export function openExportJobs(redisUrl: string, prefix: string) {
  const redis = redisConnection(redisUrl);
  const queue = new Queue<ExportRequest>(QUEUES.export, { connection: redis, prefix });
  return {
    queue,
    jobs: createExportJobs(queue),
    async close() {
      await queue.close();
      await redis.quit();
    },
  };
}
