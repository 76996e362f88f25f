import { Queue, Worker } from 'bullmq';
import { createScheduleProcessor } from '../../jobs/processors/index.js';
import pino from 'pino';
import { createJobDeps } from '../../jobs/deps.js';
import type { ExportRequest } from '../../src/services/export/export-service.js';
import { QUEUES, type ScheduleJobData } from '../../jobs/queues.js';
import type { MemberRecord } from '../../src/db/models/member.js';
import { testStore } from '../support/mongo.js';
import { rosterCard, seedBranch, seedMember } from '../support/seed.js';
import type { SbUser } from '../support/sandbox-client.js';
import { senderHarness } from './harness.js';

/**
 * A branch living in the sandbox: secretary and members as sandbox users (all started the bot),
 * the real models on their own database, the processors' dependencies as the worker wires them,
 * and one sender worker. Processors are called with chosen instants: that is the test's clock.
 */
export async function monthHarness(names = ['张三', '李四', '王五']) {
  const h = await senderHarness({ rateLimits: false });
  const { models, ...db } = await testStore('month');
  const secretary = await h.sb.createUser({ first_name: '书记' });
  const users: SbUser[] = [];
  for (const n of names) users.push(await h.sb.createUser({ first_name: n }));
  const group = await h.sb.createGroup({ title: '第一党支部', admins: [secretary], members: users });
  for (const u of [secretary, ...users]) {
    await h.sb.start(u);
    await models.UserPref.updateOne(
      { _id: u.id },
      { $set: { startedBot: true, firstName: u.first_name } },
      { upsert: true },
    );
  }
  const branch = await seedBranch(models, group.id, secretary.id);
  const members: MemberRecord[] = [];
  for (const [i, u] of users.entries())
    members.push(await seedMember(models, branch._id, u.id, rosterCard(u, i)));
  const schedule = new Queue<ScheduleJobData>(QUEUES.schedule, {
    connection: h.connection,
    prefix: h.prefix,
  });
  const exportQueue = new Queue<ExportRequest>(QUEUES.export, { connection: h.connection, prefix: h.prefix });
  const me = await h.api.getMe();
  const deps = createJobDeps({
    exportQueue,
    models,
    redis: h.connection,
    prefix: h.prefix,
    senderQueue: h.queue,
    schedule,
    botUsername: me.username,
    api: h.api,
    log: pino({ level: 'silent' }),
    gaps: { group: 20, private: 10 },
  });
  h.startSender(deps.renderChart);
  /** Bot messages in a chat, as text or caption ('[photo]' prefix for photos). */
  const botTexts = async (chat: number | SbUser) =>
    (await h.sb.messages(chat))
      .filter((m) => m.from?.is_bot)
      .map((m) => (m.photo ? `[photo] ${m.caption ?? ''}` : (m.text ?? '')));
  // The schedule queue's worker, started by the first job run through it.
  let scheduleWorker: Worker | undefined;
  const scheduleConnection = h.connection.duplicate({ maxRetriesPerRequest: null });
  /** Runs a job through the schedule queue and its real processor, as its scheduler would; its return value. */
  async function runScheduled(name: string, data: ScheduleJobData = {}): Promise<unknown> {
    scheduleWorker ??= new Worker(QUEUES.schedule, createScheduleProcessor(deps), {
      connection: scheduleConnection,
      prefix: h.prefix,
    });
    const job = await schedule.add(name, data);
    const end = Date.now() + 20_000;
    while (!(await job.isCompleted())) {
      if ((await job.isFailed()) || Date.now() > end)
        throw new Error(`job ${name} not completed: ${job.failedReason}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return (await schedule.getJob(job.id!))?.returnvalue;
  }
  return {
    ...h,
    models,
    deps,
    runScheduled,
    exportQueue,
    branch,
    members,
    users,
    secretary,
    group,
    botTexts,
    async close() {
      await scheduleWorker?.close();
      scheduleConnection.disconnect();
      for (const q of [schedule, exportQueue]) {
        await q.obliterate({ force: true }).catch(() => undefined);
        await q.close();
      }
      await h.close();
      await db.cleanup();
    },
  };
}
