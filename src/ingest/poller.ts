import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { GrammyError, type Api } from 'grammy';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Update } from 'grammy/types';

/** Extends the poller lease only for its holder. */
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * Long polling held by one process at a time across all replicas: a Redis lease (SET NX PX,
 * renewed by its holder). When the holder dies its lease runs out and another replica takes over
 * within `leaseMs` + 1 s. An update is confirmed (the next `offset`) only after it was queued.
 */
export function startPoller(deps: {
  api: Api;
  redis: Redis;
  /** The bot's key prefix: the lease is `${prefix}:poller`. */
  prefix: string;
  enqueue: (update: Update) => Promise<boolean>;
  allowedUpdates: ReadonlyArray<string>;
  log: Logger;
  leaseMs?: number;
  /** getUpdates' long-polling timeout, seconds. */
  timeout?: number;
  onReceived?: (queued: boolean) => void;
}) {
  const { redis, log } = deps;
  const key = `${deps.prefix}:poller`;
  const leaseMs = deps.leaseMs ?? 5_000;
  const token = randomBytes(8).toString('hex');
  let running = true;
  let holding = false;
  let abort: AbortController | undefined;

  const renewer = setInterval(() => {
    if (!holding) return;
    redis.eval(RENEW, 1, key, token, leaseMs).then(
      (held) => {
        if (Number(held) === 1) return;
        holding = false;
        abort?.abort();
        log.warn('polling lease lost to another replica');
      },
      (err: unknown) => log.warn({ err }, 'could not renew the polling lease'),
    );
  }, leaseMs / 3);

  let offset: number | undefined;
  async function loop() {
    while (running) {
      try {
        if (!holding) {
          holding = (await redis.set(key, token, 'PX', leaseMs, 'NX')) === 'OK';
          if (!holding) {
            await sleep(1_000);
            continue;
          }
          offset = undefined;
          log.info('polling lease taken: this process polls Telegram');
        }
        abort = new AbortController();
        const updates = await deps.api.getUpdates(
          {
            ...(offset !== undefined && { offset }),
            limit: 100,
            timeout: deps.timeout ?? 10,
            allowed_updates: deps.allowedUpdates as never,
          },
          abort.signal as Parameters<Api['getUpdates']>[1],
        );
        // Sent at once, not one round trip after another: one connection carries the calls in
        // this order, so each chat's updates are queued in order. The offset moves on only once all
        // are queued; a failure re-fetches the batch, and what was queued is not queued twice.
        const queued = await Promise.all(updates.map((u) => deps.enqueue(u)));
        for (const q of queued) deps.onReceived?.(q);
        if (updates.length) offset = updates[updates.length - 1]!.update_id + 1;
      } catch (err) {
        if (!running || !holding) continue;
        // 409: a getUpdates of another process (a replica that held the lease a moment ago).
        const conflict = err instanceof GrammyError && err.error_code === 409;
        log.warn({ err: conflict ? err.description : err }, 'getUpdates failed; retrying');
        await sleep(1_000);
      }
    }
  }
  const done = loop();
  return {
    running: () => running,
    async stop() {
      running = false;
      clearInterval(renewer);
      abort?.abort();
      await done;
      // Confirms what was queued and ends the long poll still open at the server (a newer call does).
      if (holding)
        await deps.api
          .getUpdates({ ...(offset !== undefined && { offset }), limit: 1, timeout: 0 })
          .catch((err: unknown) => log.warn({ err }, 'could not confirm the last updates'));
      if (holding)
        await redis
          .eval(RELEASE, 1, key, token)
          .catch((err: unknown) => log.warn({ err }, 'could not release the polling lease'));
      holding = false;
    },
  };
}
