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
import { startIngestion } from './ingest/start.js';
import { mongoAnswers, redisAnswers, senderDepthGauge } from './ops/checks.js';
import { startOpsServer } from './ops/server.js';
import { logRedisErrors, redisConnection } from '../jobs/queues.js';

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
  // Its own connection, failing fast while Redis is away: the guard then steps aside. Commands the
  // concurrent updates issue in one tick go out in one write (auto-pipelining).
  const replayRedis = new Redis(stores.redisUrl, { maxRetriesPerRequest: 1, enableAutoPipelining: true });
  // The replay guard's wire markers and kept results, on a connection of their own (jobs/wire.ts),
  // without auto-pipelining: a marker's SET must reach the socket in the step that writes it.
  const wireRedis = new Redis(stores.redisUrl, { maxRetriesPerRequest: 1 });
  const replay = createReplayGuard(replayRedis, {
    prefix: config.queuePrefix,
    botId: Number(config.botToken.split(':')[0]),
    log,
    wire: wireRedis,
  });
  const { bot, i18n, closeApi } = createBot({
    config,
    models,
    services,
    log,
    outbox: sender.outbox,
    exportJobs: exports.jobs,
    replay,
    flood: { ...config.flood, redis: replayRedis, prefix: config.queuePrefix },
  });
  await bot.init();
  await registerCommands(bot.api, i18n);
  if (config.botMode === 'polling') await bot.api.deleteWebhook();
  // Updates are confirmed to Telegram once queued in Redis and leave the queue once handled.
  const ingestion = startIngestion({ bot, config, redisUrl: stores.redisUrl, log });
  logRedisErrors(log, [sender.queue, exports.queue, replayRedis, wireRedis]);
  senderDepthGauge(sender.queue);
  const ops = await startOpsServer({
    port: config.port ?? 8080,
    log,
    checks: { mongo: mongoAnswers(conn), redis: redisAnswers(ingestion.redis), ingestion: ingestion.running },
    ...(ingestion.webhookRoute && { routes: ingestion.webhookRoute }),
  });
  await ingestion.setWebhook();
  log.info(
    { username: bot.botInfo.username, mode: config.mode, botMode: config.botMode, apiRoot: config.apiRoot },
    'bot started',
  );
  stop = async () => {
    await ops.close();
    await ingestion.stop();
    await sender.close();
    await exports.close();
    await replayRedis.quit();
    await wireRedis.quit();
    closeApi();
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
  const checkRedis = redisConnection(stores.redisUrl);
  logRedisErrors(log, [checkRedis]);
  senderDepthGauge(worker.senderQueue);
  const ops = await startOpsServer({
    port: config.port ?? 8082,
    log,
    checks: { mongo: mongoAnswers(conn), redis: redisAnswers(checkRedis) },
  });
  log.info('worker started');
  stop = async () => {
    await ops.close();
    await worker.close();
    checkRedis.disconnect();
  };
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
