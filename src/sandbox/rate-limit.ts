export interface RateLimitConfig {
  /** Sustained messages per second into one chat (Telegram: about 1). */
  perChatPerSecond: number;
  /** Short burst allowed into one chat before the per-second rate applies. */
  perChatBurst: number;
  /** Messages per minute into one group or supergroup (Telegram: 20). */
  perGroupPerMinute: number;
  /** Messages per second from one bot overall (Telegram: 30). */
  globalPerSecond: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  perChatPerSecond: 1,
  perChatBurst: 3,
  perGroupPerMinute: 20,
  globalPerSecond: 30,
};

class Bucket {
  private tokens: number;

  constructor(
    private readonly capacity: number,
    private readonly perMs: number,
    /** Full as of this instant: the first look's, or a new bucket could be short of its first token. */
    private last: number,
  ) {
    this.tokens = capacity;
  }

  /** Milliseconds until one token is available (0 = now). */
  wait(at: number): number {
    this.tokens = Math.min(this.capacity, this.tokens + (at - this.last) * this.perMs);
    this.last = at;
    return this.tokens >= 1 ? 0 : (1 - this.tokens) / this.perMs;
  }

  take(): void {
    this.tokens -= 1;
  }
}

/** Token buckets per bot+chat, per bot+group (per minute) and per bot; only sending/editing methods are counted. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(readonly config: RateLimitConfig | null) {}

  private bucket(key: string, capacity: number, perSecond: number, at: number): Bucket {
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = new Bucket(capacity, perSecond / 1000, at)));
    return b;
  }

  /** Takes one message from every applicable bucket, or returns the seconds to wait (retry_after) taking none. */
  take(botId: number, chatId: number, isGroup: boolean, at = Date.now()): number {
    const c = this.config;
    if (!c) return 0;
    const buckets = [
      this.bucket(`g:${botId}`, c.globalPerSecond, c.globalPerSecond, at),
      this.bucket(`c:${botId}:${chatId}`, Math.max(1, c.perChatBurst), c.perChatPerSecond, at),
    ];
    if (isGroup)
      buckets.push(this.bucket(`m:${botId}:${chatId}`, c.perGroupPerMinute, c.perGroupPerMinute / 60, at));
    const waitMs = Math.max(...buckets.map((b) => b.wait(at)));
    if (waitMs > 0) return Math.max(1, Math.ceil(waitMs / 1000));
    for (const b of buckets) b.take();
    return 0;
  }

  reset(): void {
    this.buckets.clear();
  }
}
