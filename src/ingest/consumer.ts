import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Update } from 'grammy/types';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Attempt } from './attempt.js';
import { isTransient } from './transient.js';
import { MAX_TRIES, type Claimed, type UpdateQueue } from './update-queue.js';

/** What the consumer tells the metrics. */
export interface ConsumerEvents {
  handled(seconds: number): void;
  failed(): void;
  parked(): void;
}

/** Counted failures back off 0.5, 1, 2, 4 s; a store away is asked again every 2 s. */
const retryDelay = (attempt: number, transient: boolean) =>
  transient ? 2_000 : Math.min(8_000, 500 * 2 ** (attempt - 1));

/**
 * Handles queued updates: up to `concurrency` chats at once in this process, one update at a time
 * per chat across all processes (the queue's lease). An update leaves the queue only once handled.
 */
export function startConsumer(deps: {
  queue: UpdateQueue;
  /** A connection of its own: waiting for work blocks it. */
  blocking: Redis;
  handle: (update: Update, info: Attempt) => Promise<void>;
  concurrency: number;
  log: Logger;
  events?: ConsumerEvents;
}) {
  const { queue, log } = deps;
  const active = new Set<Promise<void>>();
  let running = true;

  /** Handles one update; returns the next update this slot claimed in the same step, if any. */
  async function handleOne(c: Claimed): Promise<Claimed | undefined> {
    const started = performance.now();
    const renew = setInterval(() => {
      queue.renew(c).then(
        (held) => held || log.warn({ chat: c.chat, updateId: c.update.update_id }, 'update lease lost'),
        (err: unknown) => log.warn({ err }, 'could not renew an update lease'),
      );
    }, queue.leaseMs / 3);
    try {
      await deps.handle(c.update, { attempt: c.attempt, last: c.attempt >= MAX_TRIES, replayed: c.replayed });
      deps.events?.handled((performance.now() - started) / 1000);
      // Acknowledged and, while running, the next ready chat claimed in the same round trip.
      const r = running ? await queue.ackAndClaim(c) : { acked: await queue.ack(c) };
      if (!r.acked) log.warn({ updateId: c.update.update_id }, 'handled after its lease ran out');
      return 'claimed' in r ? r.claimed : undefined;
    } catch (err) {
      const transient = isTransient(err);
      if (!transient) deps.events?.failed();
      const outcome = await queue.fail(c, String((err as Error)?.stack ?? err).slice(0, 2000), {
        retryInMs: retryDelay(c.attempt, transient),
        counts: !transient,
      });
      const at = { err, updateId: c.update.update_id, chat: c.chat, attempt: c.attempt, transient };
      if (outcome === 'parked') {
        deps.events?.parked();
        log.error(at, 'update parked as a dead letter');
      } else log.warn(at, 'update failed; it will be tried again');
      return undefined;
    } finally {
      clearInterval(renew);
    }
  }

  /** One slot: handles `first`, then each update claimed on the way, until none is ready. */
  async function handleFrom(first: Claimed) {
    let next: Claimed | undefined = first;
    while (next) next = await handleOne(next);
  }

  async function loop() {
    while (running) {
      try {
        if (active.size >= deps.concurrency) {
          await Promise.race(active);
          continue;
        }
        const r = await queue.claim();
        if ('claimed' in r) {
          const p = handleFrom(r.claimed)
            .catch((err: unknown) => log.error({ err }, 'update queue unreachable after handling'))
            .finally(() => active.delete(p));
          active.add(p);
          continue;
        }
        const due = r.nextAt === null ? 500 : Math.min(500, Math.max(10, r.nextAt - Date.now()));
        await queue.waitForWork(deps.blocking, due);
      } catch (err) {
        // Redis away: wait and ask again; the process stays up.
        log.warn({ err }, 'update queue unreachable; retrying');
        await sleep(1_000);
      }
    }
  }
  const done = loop();
  return {
    /** True while the loop runs (for /readyz). */
    running: () => running,
    /** Stops claiming and waits for the updates in hand. */
    async stop() {
      running = false;
      await done;
      await Promise.allSettled([...active]);
    },
  };
}
