import { badRequest } from './errors.js';
import type { Update } from './types.js';

/** What setWebhook configured. */
export interface WebhookConfig {
  url: string;
  secretToken?: string;
  maxConnections: number;
}

/** The bot's pending updates, oldest first, and the way to confirm one. */
export interface UpdateSource {
  updates(): readonly Update[];
  confirm(updateId: number): void;
}

const SECRET = /^[A-Za-z0-9_-]{1,256}$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const PORTS = new Set(['', '80', '88', '443', '8443']);
/** Telegram waits about a minute for an answer. */
const ANSWER_TIMEOUT_MS = 60_000;
const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 2_000;

/**
 * setWebhook's checks, as Telegram answers them. One departure: plain http is accepted to a loopback
 * host on any port (a local bot has no certificate); every other URL must be https on 80/88/443/8443.
 */
export function checkWebhook(
  url: string,
  secretToken: string | undefined,
  maxConnections?: number,
): WebhookConfig {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw badRequest('bad webhook: Failed to resolve host: Name or service not known');
  }
  const local = LOOPBACK.has(u.hostname);
  if (u.protocol !== 'https:' && !(local && u.protocol === 'http:'))
    throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
  if (!local && !PORTS.has(u.port))
    throw badRequest('bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443');
  if (secretToken !== undefined && !SECRET.test(secretToken))
    throw badRequest('secret token contains unallowed characters');
  return { url, secretToken, maxConnections: Math.min(100, Math.max(1, maxConnections ?? 40)) };
}

/** The chat an update belongs to: Telegram sends one chat's updates in order, different chats in parallel. */
export function updateChat(update: Update): string {
  for (const [k, v] of Object.entries(update)) {
    if (k === 'update_id' || typeof v !== 'object' || v === null) continue;
    const p = v as { chat?: { id: number }; message?: { chat?: { id: number } }; from?: { id: number } };
    const id = p.chat?.id ?? p.message?.chat?.id ?? p.from?.id;
    if (id !== undefined) return String(id);
  }
  return 'none';
}

/**
 * Delivers a bot's updates by POST to its webhook, as Telegram does: the secret in
 * X-Telegram-Bot-Api-Secret-Token, up to max_connections requests at once, one at a time per chat,
 * an update confirmed only by a 2xx answer and otherwise sent again (after 0.1 s, doubling up to
 * 2 s; Telegram waits longer), the last failure kept for getWebhookInfo.
 */
export class WebhookDelivery {
  lastError: { date: number; message: string } | undefined;
  private readonly inflight = new Set<number>();
  private readonly retries = new Map<number, { at: number; delay: number }>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    readonly config: WebhookConfig,
    private readonly source: UpdateSource,
  ) {}

  /** Starts every update that may go now. */
  pump(): void {
    if (this.closed) return;
    const now = Date.now();
    const busy = new Set<string>();
    let nextRetry = Infinity;
    for (const u of this.source.updates()) {
      if (this.inflight.size >= this.config.maxConnections) break;
      const chat = updateChat(u);
      if (busy.has(chat)) continue;
      busy.add(chat);
      if (this.inflight.has(u.update_id)) continue;
      const retry = this.retries.get(u.update_id);
      if (retry && retry.at > now) {
        nextRetry = Math.min(nextRetry, retry.at);
        continue;
      }
      void this.send(u);
    }
    clearTimeout(this.timer);
    if (nextRetry < Infinity) this.timer = setTimeout(() => this.pump(), nextRetry - now);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  private async send(update: Update): Promise<void> {
    this.inflight.add(update.update_id);
    let failure: string | undefined;
    try {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (this.config.secretToken) headers['x-telegram-bot-api-secret-token'] = this.config.secretToken;
      const res = await fetch(this.config.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(update),
        signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status < 200 || res.status > 299)
        failure = `Wrong response from the webhook: ${res.status} ${res.statusText}`;
    } catch (e) {
      failure = (e as Error).name === 'TimeoutError' ? 'Read timeout expired' : 'Connection refused';
    }
    this.inflight.delete(update.update_id);
    if (failure === undefined) {
      this.retries.delete(update.update_id);
      this.source.confirm(update.update_id);
    } else {
      this.lastError = { date: Math.floor(Date.now() / 1000), message: failure };
      const delay = Math.min(
        MAX_RETRY_MS,
        (this.retries.get(update.update_id)?.delay ?? FIRST_RETRY_MS / 2) * 2,
      );
      this.retries.set(update.update_id, { at: Date.now() + delay, delay });
    }
    this.pump();
  }
}
