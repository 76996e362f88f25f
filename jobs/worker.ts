import { autoRetry } from '@grammyjs/auto-retry';
import { Api } from 'grammy';
import { Queue, Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { Models } from '../src/db/models/index.js';
import type { OutgoingMessage } from '../src/services/notice.js';
import { createJobDeps } from './deps.js';
import type { ExportRequest } from '../src/services/export/export-service.js';
import { createExportProcessor } from './processors/export.js';
import { createScheduleProcessor } from './processors/index.js';
import { processReconcile } from './processors/reconcile.js';
import { startSender } from './processors/send.js';
import { createRosterBoardKeeper } from './roster-board.js';
import { createStandardService } from '../src/services/standard-service.js';
import { QUEUES, logRedisErrors, redisConnection, type ScheduleJobData } from './queues.js';

export interface WorkerOptions {
  redisUrl: string;
  log: Logger;
  models: Models;
  botToken: string;
  apiRoot: string | undefined;
  /** BullMQ key prefix (QUEUE_PREFIX); tests give each process its own. */
  prefix?: string;
  /** Messages per second overall (Telegram: about 30). */
  globalPerSecond?: number;
}

/** Every-5-minutes reconciliation of the branches' job schedulers. */
const RECONCILE_EVERY_MS = 5 * 60_000;
/** Every-minute sweep of dialogs nobody answered in time. */
const DIALOG_SWEEP_EVERY_MS = 60_000;
/** Every-30-seconds pass that brings roster boards up to date after changes made elsewhere. */
const ROSTER_SYNC_EVERY_MS = 30_000;

/**
 * The worker process: the schedule queue (rounds, reminders, announcements) and the one sender
 * queue that carries every outgoing message under Telegram's limits. `close()` lets running jobs
 * finish (BullMQ's graceful close) before the connections go.
 */
export async function startWorker(opts: WorkerOptions) {
  const prefix = opts.prefix ?? 'mp';
  const connection = redisConnection(opts.redisUrl);
  const api = new Api(opts.botToken, opts.apiRoot ? { apiRoot: opts.apiRoot } : {});
  api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 120 }));
  const me = await api.getMe();
  const senderQueue = new Queue<OutgoingMessage>(QUEUES.sender, { connection, prefix });
  const schedule = new Queue<ScheduleJobData>(QUEUES.schedule, { connection, prefix });
  const exportQueue = new Queue<ExportRequest>(QUEUES.export, { connection, prefix });
  const deps = createJobDeps({
    models: opts.models,
    redis: connection,
    prefix,
    senderQueue,
    schedule,
    exportQueue,
    botUsername: me.username,
    api,
    log: opts.log,
  });
  const scheduleWorker = new Worker<ScheduleJobData>(QUEUES.schedule, createScheduleProcessor(deps), {
    connection,
    prefix,
    concurrency: 4,
  });
  const exportWorker = new Worker<ExportRequest>(
    QUEUES.export,
    createExportProcessor({ models: opts.models, api, t: deps.t, log: opts.log }),
    { connection, prefix, concurrency: 2 },
  );
  const standards = createStandardService({ models: opts.models, clock: () => new Date() });
  const rosterBoards = createRosterBoardKeeper({
    services: deps.services,
    api,
    outbox: deps.outbox,
    t: deps.t,
    log: opts.log,
  });
  const sender = startSender({
    token: opts.botToken,
    apiRoot: opts.apiRoot,
    connection,
    prefix,
    log: opts.log,
    renderChart: deps.renderChart,
    outbox: deps.outbox,
    onSent: async (ref, messageId, msg) => {
      if (ref.kind === 'standard-post') await standards.setPostMessage(ref.id, messageId);
      else if (ref.kind === 'roster-board') await rosterBoards.kept(ref, messageId, msg);
    },
    prepare: (msg) => rosterBoards.prepare(msg),
    ...(opts.globalPerSecond && { perSecond: opts.globalPerSecond }),
  });
  for (const w of [scheduleWorker, exportWorker, sender.worker])
    w.on('failed', (job, err) => opts.log.error({ err, job: job?.name, id: job?.id }, 'job failed'));
  logRedisErrors(
    opts.log,
    [scheduleWorker, exportWorker, sender.worker, senderQueue, schedule, exportQueue],
    'redis: queue connection error',
  );
  await Promise.all([
    scheduleWorker.waitUntilReady(),
    exportWorker.waitUntilReady(),
    sender.worker.waitUntilReady(),
  ]);
  await processReconcile(deps);
  await schedule.upsertJobScheduler(
    'reconcile',
    { every: RECONCILE_EVERY_MS },
    { name: 'reconcile', data: {} },
  );
  // Committees' set day for the month's comparison, looked at hourly in each committee's zone.
  await schedule.upsertJobScheduler(
    'committee-day',
    { pattern: '5 * * * *' },
    { name: 'committee-day', data: {}, opts: { removeOnComplete: 100, removeOnFail: 500 } },
  );
  // Dialogs left unanswered end with a note, even if the person never writes again.
  await schedule.upsertJobScheduler(
    'dialog-sweep',
    { every: DIALOG_SWEEP_EVERY_MS },
    { name: 'dialog-sweep', data: {}, opts: { removeOnComplete: 100, removeOnFail: 500 } },
  );
  // Roster boards follow changes made outside the bot's handlers (stars, plates, red flags).
  await schedule.upsertJobScheduler(
    'roster-sync',
    { every: ROSTER_SYNC_EVERY_MS },
    { name: 'roster-sync', data: {}, opts: { removeOnComplete: 100, removeOnFail: 500 } },
  );
  return {
    schedule,
    senderQueue,
    async close() {
      await Promise.all([scheduleWorker.close(), exportWorker.close(), sender.close()]);
      await Promise.all([schedule.close(), senderQueue.close(), exportQueue.close()]);
      await connection.quit();
    },
  };
}
