import { loadConfig, ConfigError } from './config.js';
import { connectMongo } from './db/connection.js';
import { createModels, syncIndexes } from './db/models/index.js';
import { createLogger } from './logger.js';
import { createServices } from './services/index.js';
import { openStores } from './stores.js';
import { registerCommands } from './bot/commands.js';
import { createBot } from './bot/create-bot.js';
import { openOutbox } from '../jobs/outbox.js';
import { openExportJobs } from '../jobs/export-queue.js';
import { startWorker } from '../jobs/worker.js';
import { Redis } from 'ioredis';
import { createReplayGuard } from './bot/replay-guard.js';

const role = process.argv[2];
if (role !== 'bot' && role !== 'worker') {
  console.error('usage: main.ts bot|worker');
  process.exit(2);
}

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(78);
  }
  throw err;
}
const log = createLogger(config.logLevel, role);
const stores = await openStores(config, log);
const conn = await connectMongo(stores.mongoUri);
const models = createModels(conn);
await syncIndexes(models);
const services = createServices({ models, clock: () => new Date() });

let stop: () => Promise<void>;
if (role === 'bot') {
  const sender = openOutbox(stores.redisUrl, config.queuePrefix);
  const exports = openExportJobs(stores.redisUrl, config.queuePrefix);
  // Its own connection, failing fast while Redis is away: the guard then steps aside.
  const replayRedis = new Redis(stores.redisUrl, { maxRetriesPerRequest: 1 });
  const replay = createReplayGuard(replayRedis, {
    prefix: config.queuePrefix,
    botId: Number(config.botToken.split(':')[0]),
    log,
  });
  const { bot, i18n } = createBot({
    config,
    models,
    services,
    log,
    outbox: sender.outbox,
    exportJobs: exports.jobs,
    replay,
  });
  await bot.init();
  await registerCommands(bot.api, i18n);
  // Long polling that confirms an update only after it was handled: a restart loses nothing.
  void bot.start({
    allowed_updates: ['message', 'edited_message', 'callback_query', 'my_chat_member', 'chat_member'],
    onStart: (me) => log.info({ username: me.username, mode: config.mode }, 'bot started'),
  });
  stop = async () => {
    await bot.stop();
    await sender.close();
    await exports.close();
    await replayRedis.quit();
  };
} else {
  const worker = await startWorker({
    redisUrl: stores.redisUrl,
    log,
    models,
    botToken: config.botToken,
    apiRoot: config.apiRoot,
    prefix: config.queuePrefix,
  });
  log.info('worker started');
  stop = () => worker.close();
}

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await stop();
    await conn.close();
    await stores.close();
    process.exit(0);
  });
}
