import { Api, type Bot, type Context } from 'grammy';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { logRedisErrors, redisConnection } from '../../jobs/queues.js';
import type { Config } from '../config.js';
import { markAttempt } from './attempt.js';
import {
  gaugeOf,
  handlingSeconds,
  updatesFailed,
  updatesHandled,
  updatesParked,
  updatesReceived,
} from '../ops/metrics.js';
import { startConsumer } from './consumer.js';
import { startPoller } from './poller.js';
import { webhookRoute } from './webhook.js';
import { createUpdateQueue } from './update-queue.js';

/** The updates the bot asks Telegram for (chat_member is not in Telegram's default). */
export const ALLOWED_UPDATES = [
  'message',
  'edited_message',
  'callback_query',
  'my_chat_member',
  'chat_member',
] as const;

/**
 * Ingestion and handling of one bot process: updates go into the durable per-chat queue (from the
 * polling lease holder, or from the webhook route) and this process's consumer handles them.
 */
export function startIngestion<C extends Context>(deps: {
  bot: Bot<C>;
  config: Pick<Config, 'botMode' | 'queuePrefix' | 'updateConcurrency' | 'webhook'>;
  redisUrl: string;
  log: Logger;
}) {
  const { bot, config, log } = deps;
  // The queue's scripts of concurrent updates issued in one tick go out in one write (auto-pipelining);
  // not on the connection that blocks waiting for work.
  const redis = new Redis(deps.redisUrl, { maxRetriesPerRequest: null, enableAutoPipelining: true });
  const blocking = redisConnection(deps.redisUrl);
  logRedisErrors(log, [redis, blocking]);
  // Update ids are a bot's own: bots sharing a Redis and prefix keep apart by the bot's id.
  const prefix = `${config.queuePrefix}:upd:${bot.botInfo.id}`;
  const queue = createUpdateQueue(redis, prefix);
  const consumer = startConsumer({
    queue,
    blocking,
    concurrency: config.updateConcurrency,
    log,
    events: {
      handled: (seconds) => {
        updatesHandled.inc();
        handlingSeconds.observe(seconds);
      },
      failed: () => updatesFailed.inc(),
      parked: () => updatesParked.inc(),
    },
    handle: async (update, info) => {
      markAttempt(update, info);
      await bot.handleUpdate(update);
    },
  });
  const received = (queued: boolean) => updatesReceived.inc({ duplicate: String(!queued) });
  // Long polls on an ordinary fetch: the bot's wire fetch drops sockets idle for 4 s, and a
  // getUpdates waits up to its timeout (the call changes nothing, so it needs no wire marker).
  const { fetch: _wire, ...client } = bot.api.options ?? {};
  const poller =
    config.botMode === 'polling'
      ? startPoller({
          api: new Api(bot.token, client),
          redis,
          prefix,
          enqueue: (u) => queue.enqueue(u),
          allowedUpdates: ALLOWED_UPDATES,
          log,
          onReceived: received,
        })
      : undefined;
  gaugeOf(
    'bot_update_queue_depth',
    'Updates queued in Redis and not yet handled (all replicas)',
    async () => (await queue.depth()).queued,
  );
  gaugeOf(
    'bot_update_dead_letters',
    'Updates parked in Redis as dead letters so far (all replicas)',
    async () => (await queue.depth()).parked,
  );
  const { webhook } = config;
  return {
    redis,
    /** Webhook mode: the route for the ops server, at the path of WEBHOOK_URL. */
    webhookRoute: webhook
      ? webhookRoute({
          path: new URL(webhook.url).pathname,
          secret: webhook.secret,
          enqueue: (u) => queue.enqueue(u),
          log,
          onReceived: received,
        })
      : undefined,
    /** Webhook mode: tells Telegram where to post, with the secret, once the route is served. */
    async setWebhook() {
      if (!webhook) return;
      await bot.api.setWebhook(webhook.url, {
        secret_token: webhook.secret,
        max_connections: 40,
        allowed_updates: [...ALLOWED_UPDATES],
      });
    },
    /** Ingestion is running: the consumer loops and, in polling mode, the poller too. */
    running: () => consumer.running() && (poller?.running() ?? true),
    async stop() {
      await poller?.stop();
      await consumer.stop();
      blocking.disconnect();
      await redis.quit();
    },
  };
}
