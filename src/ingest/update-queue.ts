import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Update } from 'grammy/types';
import { luaScript } from '../../jobs/queues.js';
import { ACK, ACK_CLAIM, CLAIM, ENQUEUE, FAIL, RENEW } from './queue-scripts.js';

/** Telegram keeps an undelivered update for at most 24 h: a redelivery within that is a duplicate. */
export const SEEN_TTL_S = 24 * 3600;
/** A chat's head that failed this many times (not counting stores being away) is parked. */
export const MAX_TRIES = 5;

/**
 * The dedupe key of an update: its id and a digest of its body. Telegram sends a redelivered update
 * byte for byte again, so the digest matches; a different update that reuses an id (Telegram picks
 * ids afresh after a week without updates, a local sandbox restarts at 1) is not taken for it.
 */
export const seenId = (updateId: number, json: string) =>
  `${updateId}:${createHash('sha1').update(json).digest('base64url').slice(0, 12)}`;

/** One update leased to a consumer: handle it, then `ack` or `fail`. */
export interface Claimed {
  chat: string;
  update: Update;
  /** 1 on the first try. */
  attempt: number;
  /** Handed out before (a holder died, or a store was away): it may have been handled in part. */
  replayed: boolean;
  token: string;
}

/** The queue's scripts, sent by SHA (see luaScript). */
const SCRIPTS = {
  ENQUEUE: luaScript(ENQUEUE, 0),
  CLAIM: luaScript(CLAIM, 0),
  ACK: luaScript(ACK, 0),
  ACK_CLAIM: luaScript(ACK_CLAIM, 0),
  FAIL: luaScript(FAIL, 0),
  RENEW: luaScript(RENEW, 0),
};

/** The chat an update belongs to: its updates are handled one at a time, in order. */
export function chatKeyOf(update: Update): string {
  for (const [key, value] of Object.entries(update)) {
    if (key === 'update_id' || value === null || typeof value !== 'object') continue;
    const v = value as {
      chat?: { id: number };
      message?: { chat?: { id: number } };
      from?: { id: number };
      user?: { id: number };
      voter_chat?: { id: number };
      id?: string;
    };
    const id = v.chat?.id ?? v.message?.chat?.id ?? v.from?.id ?? v.user?.id ?? v.voter_chat?.id;
    if (id !== undefined) return String(id);
    if (key === 'poll' && v.id) return `poll:${v.id}`;
  }
  return 'none';
}

/** What a claim gets: an update leased to this consumer, or when the next chat is due (ms), if any. */
export type Claim = { claimed: Claimed } | { nextAt: number | null };

/** Reads CLAIM's reply: {chat, head json, attempt, claims} or {false, next ready ms}. */
function claimOf(reply: unknown, token: string): Claim {
  const r = reply as Array<string | number | null>;
  if (!r[0]) return { nextAt: r[1] ? Number(r[1]) : null };
  const update = JSON.parse(String(r[1])) as Update;
  const [chat, attempt, replayed] = [String(r[0]), Number(r[2]), Number(r[3]) > 1];
  return { claimed: { chat, update, attempt, replayed, token } };
}

/**
 * A durable queue of updates in Redis, one list per chat (see queue-scripts.ts for the keys).
 * `enqueue` is what ingestion calls before it confirms an update to Telegram; consumers in any
 * process `claim` a chat, handle its oldest update and `ack` it.
 */
export function createUpdateQueue(redis: Redis, P: string, opts: { leaseMs?: number } = {}) {
  const leaseMs = opts.leaseMs ?? 10_000;
  // A lease's token: unique across processes (a random part per queue) and claims (a counter).
  const tokenBase = randomBytes(8).toString('hex');
  let claims = 0;
  const token = () => `${tokenBase}.${++claims}`;
  return {
    prefix: P,
    leaseMs,
    /** Queues an update unless it was queued within 24 h; true when queued. */
    async enqueue(update: Update): Promise<boolean> {
      const json = JSON.stringify(update);
      const args = [P, json, chatKeyOf(update), Date.now(), SEEN_TTL_S, seenId(update.update_id, json)];
      return Number(await SCRIPTS.ENQUEUE(redis, ...args)) === 1;
    },
    /** Leases the next ready chat; otherwise says when the next one is due (ms since epoch), if any. */
    async claim(): Promise<Claim> {
      const t = token();
      return claimOf(await SCRIPTS.CLAIM(redis, P, Date.now(), leaseMs, t, MAX_TRIES), t);
    },
    /** The update was handled: drop it and free the chat. False if the lease had been lost. */
    async ack(c: Claimed): Promise<boolean> {
      return Number(await SCRIPTS.ACK(redis, P, c.chat, c.token, Date.now())) === 1;
    },
    /** `ack`, then `claim`, in one round trip: what a consumer does between two updates. */
    async ackAndClaim(c: Claimed): Promise<{ acked: boolean } & Claim> {
      const t = token();
      const [acked, ...r] = (await SCRIPTS.ACK_CLAIM(
        redis,
        P,
        c.chat,
        c.token,
        Date.now(),
        leaseMs,
        t,
        MAX_TRIES,
      )) as [number, ...unknown[]];
      return { acked: Number(acked) === 1, ...claimOf(r, t) };
    },
    /**
     * Handling failed. `counts: false` (a store was away) tries again without using up an attempt.
     * Returns 'parked' when this was the last attempt, 'retry' otherwise, 'lost' without the lease.
     */
    async fail(c: Claimed, error: string, opts: { retryInMs: number; counts: boolean }) {
      const args = [P, c.chat, c.token, Date.now(), opts.retryInMs, error, opts.counts ? 1 : 0, MAX_TRIES];
      const r = Number(await SCRIPTS.FAIL(redis, ...args));
      return r === 1 ? 'parked' : r === 0 ? 'retry' : 'lost';
    },
    /** Extends the lease while a long update is handled; false when it was lost. */
    async renew(c: Claimed): Promise<boolean> {
      return Number(await SCRIPTS.RENEW(redis, P, c.chat, c.token, Date.now(), leaseMs)) === 1;
    },
    /** Waits (up to `ms`) for news of a ready chat, on a connection of its own (it blocks). */
    async waitForWork(blocking: Redis, ms: number): Promise<void> {
      await blocking.blpop(`${P}:wake`, Math.max(0.01, ms / 1000));
    },
    /** Updates queued and not yet handled, and updates parked so far. */
    async depth(): Promise<{ queued: number; parked: number }> {
      const [queued, parked] = await redis.mget(`${P}:depth`, `${P}:parked`);
      return { queued: Number(queued ?? 0), parked: Number(parked ?? 0) };
    },
    /** The parked updates, oldest first (at most the last 1,000). */
    async deadLetters(): Promise<Array<{ chat: string; error: string; attempts: number; update: Update }>> {
      const rows = await redis.lrange(`${P}:dead`, 0, -1);
      return rows.map(
        (r) => JSON.parse(r) as { chat: string; error: string; attempts: number; update: Update },
      );
    },
  };
}
export type UpdateQueue = ReturnType<typeof createUpdateQueue>;
