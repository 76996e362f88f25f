import type { Api } from 'grammy';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createI18n } from '../src/i18n.js';
import type { Models } from '../src/db/models/index.js';
import { createAnnouncements } from '../src/services/announcement.js';
import { renderRatingChart } from '../src/services/chart.js';
import { comparisonChart } from '../src/services/committee-posts.js';
import { monthLabel, type OutgoingMessage, type Translate } from '../src/services/notice.js';
import { createReminders } from '../src/services/reminder-service.js';
import type { ExportRequest } from '../src/services/export/export-service.js';
import { createExportJobs } from './export-queue.js';
import { createOutbox, type ChatGaps } from './outbox.js';
import { createServices } from '../src/services/index.js';
import { createRosterRefresh } from '../src/services/roster-board.js';
import { workerRosterPorts } from './roster-board.js';
import type { JobDeps } from './processors/context.js';
import type { ScheduleJobData } from './queues.js';

/** Fluent lookups for the worker, from the same locale files as the bot. */
export function workerTranslate(): Translate {
  const i18n = createI18n(async () => 'zh');
  return (locale, key, params) => i18n.t(locale, key, params);
}

/** Wires the processors' dependencies; the worker and the tests build them the same way. */
export function createJobDeps(opts: {
  models: Models;
  redis: Redis;
  prefix: string;
  senderQueue: Queue<OutgoingMessage>;
  schedule: Queue<ScheduleJobData>;
  botUsername: string;
  /** The worker's own Bot API: the roster sync edits and pins boards with it. */
  api: Api;
  log: Logger;
  clock?: () => Date;
  gaps?: ChatGaps;
  exportQueue: Queue<ExportRequest>;
}): JobDeps & { renderChart: (spec: NonNullable<OutgoingMessage['chart']>) => Promise<Buffer> } {
  const t = workerTranslate();
  const announcements = createAnnouncements({ models: opts.models, t });
  const clock = opts.clock ?? (() => new Date());
  // One set of services; the processors' shortcuts below are the same objects.
  const services = createServices({ models: opts.models, clock });
  const { comparison } = services;
  const outbox = createOutbox({
    queue: opts.senderQueue,
    redis: opts.redis,
    prefix: opts.prefix,
    ...(opts.gaps && { gaps: opts.gaps }),
  });
  return {
    services,
    ratings: services.ratings,
    comparison,
    tree: services.tree,
    committeeReports: services.committeeReports,
    announcements,
    reminders: createReminders({ models: opts.models, t }),
    outbox,
    rosterBoards: createRosterRefresh({
      branches: services.branches,
      members: services.members,
      comparison,
      t,
      botUsername: () => opts.botUsername,
      log: opts.log,
      ports: workerRosterPorts({ api: opts.api, outbox, log: opts.log }),
    }),
    t,
    botUsername: opts.botUsername,
    log: opts.log,
    schedule: opts.schedule,
    redis: opts.redis,
    prefix: opts.prefix,
    exportJobs: createExportJobs(opts.exportQueue),
    async renderChart(spec) {
      if (spec.kind === 'comparison') return comparisonChart(opts.models, comparison, t, spec);
      const c = await announcements.chartRows(spec.branchId, spec.month);
      return renderRatingChart(c.rows, {
        title: t(spec.locale, 'rating-chart-title', { month: monthLabel(spec.month, spec.locale) }),
        passScore: c.passScore,
        passLabel: t(spec.locale, 'rating-chart-pass'),
      });
    },
  };
}
export type { Api };
