import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { AppServices } from '../../src/services/index.js';
import type { Announcements } from '../../src/services/announcement.js';
import type { CommitteeComparison } from '../../src/services/committee-comparison.js';
import type { CommitteeReports } from '../../src/services/committee-reports.js';
import type { CommitteeTree } from '../../src/services/committee-tree.js';
import type { Translate } from '../../src/services/notice.js';
import type { RosterRefresh } from '../../src/services/roster-board.js';
import type { RatingService } from '../../src/services/rating-service.js';
import type { Reminders } from '../../src/services/reminder-service.js';
import type { ExportJobs } from '../export-queue.js';
import type { Outbox } from '../outbox.js';
import type { ScheduleJobData } from '../queues.js';

/** What every scheduled-job processor may use. */
export interface JobDeps {
  /** Branches, rounds, readers, committees and open dialogs as the processors read them (never the models). */
  services: Pick<AppServices, 'branches' | 'rounds' | 'users' | 'committees' | 'dialogs' | 'rosterChanges'>;
  ratings: RatingService;
  /** The committee level: comparison, red flag, and the tree whose branch groups hear of it. */
  comparison: CommitteeComparison;
  tree: CommitteeTree;
  /** The quarterly roll-up posted to the committee's group. */
  committeeReports: Pick<CommitteeReports, 'rollupOf'>;
  announcements: Announcements;
  reminders: Reminders;
  outbox: Outbox;
  t: Translate;
  /** For deep links into the bot (t.me/<username>?start=...). */
  botUsername: string;
  log: Logger;
  schedule: Queue<ScheduleJobData>;
  redis: Redis;
  prefix: string;
  /** Brings a branch's roster board up to date (edited in place, or a new one queued). */
  rosterBoards: RosterRefresh;
  /** The export queue: the quarterly report's XLSX is an export job. */
  exportJobs: Pick<ExportJobs, 'scheduled'>;
}
