import { randomUUID } from 'node:crypto';
import { Api } from 'grammy';
import { Queue, Worker } from 'bullmq';
import pino from 'pino';
import { inject } from 'vitest';
import { createOutbox, SENDER_LIMITER, type OutgoingMessage } from '../../jobs/outbox.js';
import { createSendProcessor } from '../../jobs/processors/send.js';
import { QUEUES, redisConnection } from '../../jobs/queues.js';
import { randomToken } from '../support/bot-process.js';
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
  const workers: Worker<OutgoingMessage>[] = [];
  const conns = [connection];

  /** Starts one more sender worker on its own connection, as a second process would. */
  function startSender(
    renderChart: (spec: NonNullable<OutgoingMessage['chart']>) => Promise<Buffer> = async () =>
      Buffer.from(''),
  ) {
    const conn = redisConnection(inject('redisUrl'));
    conns.push(conn);
    let w: Worker<OutgoingMessage> | undefined = undefined;
    w = new Worker<OutgoingMessage>(
      QUEUES.sender,
      createSendProcessor({ api, redis: conn, prefix, log, renderChart, worker: () => w! }),
      { connection: conn, prefix, concurrency: 8, limiter: SENDER_LIMITER },
    );
    workers.push(w);
    return w;
  }

  /** Resolves when the queue has nothing waiting, delayed or active. */
  async function drained(timeoutMs = 20_000) {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const c = await queue.getJobCounts('wait', 'delayed', 'active', 'prioritized', 'waiting-children');
      if (Object.values(c).every((n) => n === 0)) return;
      if (Date.now() > end) throw new Error(`sender not drained: ${JSON.stringify(c)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

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
      for (const w of workers) await w.close();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      for (const c of conns) await c.quit();
      await sb.close();
    },
  };
}
