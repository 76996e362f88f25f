import { randomToken } from '../support/bot-process.js';
import { SandboxClient } from '../support/sandbox-client.js';
import type { SandboxOptions } from '../../src/sandbox/index.js';

export interface ApiAnswer<T = unknown> {
  status: number;
  body: {
    ok: boolean;
    result?: T;
    error_code?: number;
    description?: string;
    parameters?: Record<string, unknown>;
  };
}

/** Raw Bot API access for conformance tests: one bot token against one in-process sandbox. */
export class RawBot {
  readonly token = randomToken();
  readonly id = Number(this.token.split(':')[0]);

  constructor(readonly url: string) {}

  /** A JSON call (`form: true` sends application/x-www-form-urlencoded instead). */
  async call<T = unknown>(
    method: string,
    params: Record<string, unknown> = {},
    form = false,
  ): Promise<ApiAnswer<T>> {
    const init: RequestInit = { method: 'POST' };
    if (form) {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(params)) body.set(k, typeof v === 'string' ? v : JSON.stringify(v));
      init.body = body;
    } else {
      init.headers = { 'content-type': 'application/json' };
      init.body = JSON.stringify(params);
    }
    const res = await fetch(`${this.url}/bot${this.token}/${method}`, init);
    return { status: res.status, body: (await res.json()) as ApiAnswer<T>['body'] };
  }

  /** A call that must succeed; returns its result. */
  async ok<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const a = await this.call<T>(method, params);
    if (!a.body.ok) throw new Error(`${method} failed: ${a.status} ${a.body.description}`);
    return a.body.result as T;
  }

  /** Confirms and returns every pending update (short poll). */
  async drain<T = Record<string, unknown>>(): Promise<(T & { update_id: number })[]> {
    const updates = await this.ok<(T & { update_id: number })[]>('getUpdates', { timeout: 0 });
    const last = updates.at(-1);
    if (last) await this.ok('getUpdates', { offset: last.update_id + 1, timeout: 0 });
    return updates;
  }
}

/** An in-process sandbox, its client, and a registered raw bot. */
export async function setup(opts: SandboxOptions = {}) {
  const sb = await SandboxClient.start(opts);
  const bot = new RawBot(sb.url);
  await sb.useBot(bot.token);
  return { sb, bot };
}
