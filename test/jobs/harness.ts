import { randomUUID } from 'node:crypto';
import { Api } from 'grammy';
import { Queue } from 'bullmq';
import pino from 'pino';
import { inject } from 'vitest';
import { createOutbox, type OutgoingMessage } from '../../jobs/outbox.js';
import { startSender as startSenderWorker } from '../../jobs/processors/send.js';
import { QUEUES, redisConnection } from '../../jobs/queues.js';
import { randomToken } from '../support/bot-process.js';
import { queueDrained } from '../support/queue-drained.js';
import { SandboxClient } from '../support/sandbox-client.js';
import type { RateLimitConfig } from '../../src/sandbox/index.js';

/** A sandbox with Telegram's limits on, a bot in it, a sender queue under its own prefix, and sender workers. */
export async function senderHarness(opts: { rateLimits?: boolean | Partial<RateLimitConfig> } = {}) {
  const sb = await SandboxClient.start({ rateLimits: opts.rateLimits ?? true });
  const token = randomToken();
  await sb.useBot(token);
  const prefix = `t-${randomUUID()}`;
  const connection = redisConnection(inject('redisUrl'));
  const queue = new Queue<OutgoingMessage>(QUEUES.sender, { connection, prefix });
  const outbox = createOutbox({ queue, redis: connection, prefix });
  const api = new Api(token, { apiRoot: sb.apiRoot });
  const log = pino({ level: 'silent' });
  const senders: ReturnType<typeof startSenderWorker>[] = [];
  const conns = [connection];

  /** Starts one more sender worker on its own connection, as a second process would. */
  function startSender(
    renderChart: (spec: NonNullable<OutgoingMessage['chart']>) => Promise<Buffer> = async () =>
      Buffer.from(''),
    apiRoot = sb.apiRoot,
    hooks: Pick<Parameters<typeof startSenderWorker>[0], 'onSent' | 'prepare'> = {},
  ) {
    const conn = redisConnection(inject('redisUrl'));
    conns.push(conn);
    const sender = startSenderWorker({
      token,
      apiRoot,
      connection: conn,
      prefix,
      log,
      renderChart,
      outbox,
      ...hooks,
    });
    senders.push(sender);
    return sender.worker;
  }

  /** Resolves when the queue has nothing waiting, delayed or active. */
  const drained = (timeoutMs = 20_000) => queueDrained(queue, timeoutMs);

  return {
    sb,
    token,
    api,
    prefix,
    queue,
    outbox,
    connection,
    startSender,
    drained,
    async close() {
      for (const w of senders) await w.close();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      for (const c of conns) await c.quit();
      await sb.close();
    },
  };
}
