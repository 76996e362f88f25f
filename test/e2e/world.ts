import { randomBytes } from 'node:crypto';
import mongoose, { type Types } from 'mongoose';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, inject } from 'vitest';
import { QUEUES, redisConnection, type ScheduleJobData } from '../../jobs/queues.js';
import { createModels, type Models } from '../../src/db/models/index.js';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';
import { freePort } from '../support/webhook-proxy.js';
import { queueDrained } from '../support/queue-drained.js';
import { SandboxClient, type SbMessage, type SbUser } from '../support/sandbox-client.js';

/**
 * E2E_BOT_MODE=webhook runs a test file's bot in webhook mode (the sandbox POSTs each update to it
 * with the secret); by default the bot polls.
 */
async function botModeEnv(): Promise<Record<string, string>> {
  if (process.env.E2E_BOT_MODE !== 'webhook') return {};
  const port = await freePort();
  return {
    BOT_MODE: 'webhook',
    PORT: String(port),
    WEBHOOK_URL: `http://127.0.0.1:${port}/telegram`,
    WEBHOOK_SECRET: randomBytes(16).toString('hex'),
  };
}

/**
 * One sandbox, one real bot process and (unless `worker: false`, for a test that runs its own) the
 * real worker process that sends what the bot queues, for a test file, plus a mongoose connection to the bot's own
 * database so tests can check what was stored (and, where a test needs time to pass, move a
 * stored deadline instead of waiting days).
 */
export async function startWorld(opts: { worker?: boolean } = {}) {
  const sb = await SandboxClient.start();
  // BullMQ keys of this world alone: a test's worker (same prefix) sends what this bot queues.
  const prefix = `e2e${randomBytes(5).toString('hex')}`;
  const modeEnv = await botModeEnv();
  const bot: BotProcess = await startBotProcess({
    apiRoot: sb.apiRoot,
    env: { QUEUE_PREFIX: prefix, ...modeEnv },
  });
  // The bot's start line names its mode: a webhook run that silently polled would prove nothing.
  const startedAs = /"botMode":"(\w+)"/.exec(bot.output())?.[1];
  if (startedAs !== (modeEnv.BOT_MODE ?? 'polling')) throw new Error(`bot started in ${startedAs} mode`);
  const me = await sb.useBot(bot.token);
  const uri = new URL(inject('mongoUri'));
  uri.pathname = `/${bot.dbName}`;
  const conn = await mongoose
    .createConnection(uri.toString(), { serverSelectionTimeoutMS: 5000 })
    .asPromise();
  const models: Models = createModels(conn);
  const startWorker = () => bot.sibling({ role: 'worker' });
  // Group posts and messages to others go through the sender queue: the worker sends them.
  const worker = opts.worker === false ? undefined : await startWorker();
  // The worker's queues as a test sees them, opened on first use (a job run by hand, a wait for the
  // sender queue to be empty).
  let queues: { schedule: Queue; sender: Queue; connection: ReturnType<typeof redisConnection> } | undefined;
  const queuesOf = () => {
    if (!queues) {
      const connection = redisConnection(inject('redisUrl'));
      queues = {
        schedule: new Queue(QUEUES.schedule, { connection, prefix }),
        sender: new Queue(QUEUES.sender, { connection, prefix }),
        connection,
      };
    }
    return queues;
  };
  return {
    sb,
    bot,
    prefix,
    me,
    models,
    /**
     * Starts the real worker process for this world (same bot token, database and queue prefix):
     * what the bot queues (announcements, exports) is sent by it. The caller stops it.
     */
    startWorker,
    /** The worker this world started (none with `worker: false`). */
    worker,
    /**
     * Runs a scheduled job now, as its scheduler would (`round-close`, `daily`, ...), on this
     * world's queues: the worker does it.
     */
    async schedule(name: string, data: ScheduleJobData): Promise<void> {
      await queuesOf().schedule.add(name, data);
    },
    /**
     * Waits until the sender queue has nothing left to send: the group posts the bot queued (cards,
     * confirmations, the board) go out paced, seconds after the answer to the person, so a test that
     * reads "the next bot message" of a group after such steps waits for them first.
     */
    outboxIdle(timeoutMs = 30_000): Promise<void> {
      return queueDrained(queuesOf().sender, timeoutMs);
    },
    /** Closes the branch's open round now (the scheduled close, run by hand). */
    async closeRoundNow(branchId: Types.ObjectId): Promise<void> {
      const round = await models.RatingRound.findOne({ branchId, status: 'open' }).lean<{ month: string }>();
      if (!round) throw new Error(`no open round of branch ${String(branchId)}`);
      await this.schedule('round-close', {
        branchId: String(branchId),
        month: round.month,
        asOf: new Date().toISOString(),
      });
    },
    /** Creates a person with a Telegram language (Chinese unless given). */
    person(first_name: string, username?: string, language_code = 'zh-hans'): Promise<SbUser> {
      return sb.createUser({ first_name, language_code, ...(username ? { username } : {}) });
    },
    async close() {
      if (queues) {
        await queues.schedule.obliterate({ force: true });
        await queues.schedule.close();
        await queues.sender.close();
        await queues.connection.quit();
      }
      await conn.close();
      const workerCode = await worker?.stop();
      const code = await bot.stop();
      await sb.close();
      if (code !== 0) throw new Error(`bot exited with ${code}:\n${bot.output().slice(-3000)}`);
      if (worker && workerCode !== 0)
        throw new Error(`worker exited with ${workerCode}:\n${worker.output().slice(-3000)}`);
    },
  };
}
export type World = Awaited<ReturnType<typeof startWorld>>;

/**
 * A world for the whole test file: started before its tests, closed after them; `use` receives it
 * (`let w: World; useWorld((world) => (w = world));`).
 */
export function useWorld(use: (w: World) => void, opts?: Parameters<typeof startWorld>[0]): void {
  let world: World | undefined;
  beforeAll(async () => {
    world = await startWorld(opts);
    use(world);
  }, 90_000);
  afterAll(async () => {
    await world?.close();
  });
}

/**
 * Sends /join in the group and returns the bot's invite to fill in the card: its reply to that
 * /join (a queued group post, such as another member's card, may come before it).
 */
export async function joinInvite(w: World, user: SbUser, group: { id: number }): Promise<SbMessage> {
  const sent = await w.sb.send(user, group, '/join');
  return w.sb.nextBotMessage(group, { match: (m) => m.reply_to_message?.message_id === sent.message_id });
}

/** All inline buttons of a message, flattened. */
export const buttonsOf = (m: SbMessage) => m.reply_markup?.inline_keyboard.flat() ?? [];

/** Answers each question of a dialog in order, waiting for the bot's next message before each answer. */
export async function answer(
  w: World,
  user: SbUser,
  chat: { id: number },
  replies: string[],
): Promise<SbMessage> {
  let last = await w.sb.nextBotMessage(chat);
  for (const text of replies) {
    const inGroup = chat.id < 0;
    await w.sb.send(user, chat, inGroup ? { text, reply_to_message_id: last.message_id } : text);
    last = await w.sb.nextBotMessage(chat);
  }
  return last;
}

/**
 * A group with the bot in which `secretary` (an admin) binds a branch through the real /bind
 * dialog; returns the group and the stored branch.
 */
export async function bindGroup(
  w: World,
  secretary: SbUser,
  members: SbUser[],
  opts: { title: string; name?: string; unit?: string; type?: 'group' | 'supergroup' },
) {
  const g = await w.sb.createGroup({
    title: opts.title,
    admins: [secretary],
    members,
    ...(opts.type && { type: opts.type }),
  });
  await w.sb.nextBotMessage(g);
  await w.sb.send(secretary, g, '/bind');
  await answer(w, secretary, g, [opts.name ?? '第一党支部', opts.unit ?? '市政务服务中心']);
  const branch = (await w.models.Branch.findOne({ chatId: g.id }).lean())!;
  return { g, branch };
}

/** Each user opens the private chat with the bot (/start) and reads its welcome. */
export async function startPrivateChats(w: World, users: SbUser[]) {
  for (const u of users) {
    await w.sb.start(u);
    await w.sb.nextBotMessage(u);
  }
}
