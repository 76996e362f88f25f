import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_RATE_LIMITS, type RateLimitConfig } from './rate-limit.js';
import { router } from './server.js';
import { SandboxState } from './state.js';

export type { RateLimitConfig } from './rate-limit.js';
export { DEFAULT_RATE_LIMITS } from './rate-limit.js';

export interface SandboxOptions {
  /** 0 or absent: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Telegram-like flood limits; default true. `false` turns them off, an object tunes them. */
  rateLimits?: boolean | Partial<RateLimitConfig>;
  /** Milliseconds added to every Bot API call (default 0), like a server's round trip to Telegram. */
  latencyMs?: number;
  /** Where to write the JSON transcript of calls and updates on close. */
  transcriptPath?: string;
}

export interface Sandbox {
  /** http://127.0.0.1:PORT — use as grammY's `client.apiRoot`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the fake Bot API server with its control API and web page. */
export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const limits = opts.rateLimits ?? true;
  const config = limits === false ? null : { ...DEFAULT_RATE_LIMITS, ...(limits === true ? {} : limits) };
  const state = new SandboxState(config, opts.latencyMs ?? 0);
  const server: Server = createServer({ keepAliveTimeout: 65_000 }, router(state));
  server.headersTimeout = 70_000;
  server.requestTimeout = 0;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close() {
      closed ??= (async () => {
        for (const bot of state.bots.values()) bot.release();
        state.events.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        if (opts.transcriptPath) await state.transcript.save(opts.transcriptPath);
      })();
      return closed;
    },
  };
}
