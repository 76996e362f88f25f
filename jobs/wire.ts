import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { Redis } from 'ioredis';

/**
 * The sender's HTTP client for the Bot API (grammY's `fetch` option), built so that the sender can
 * tell after a crash whether a request left the process.
 *
 * Telegram has no idempotency key: once a request has left, a crash before its answer leaves the
 * message delivered or not, and nobody can ask which. The sender therefore records a "wire" marker
 * in Redis, and this client calls `onWire` in the same synchronous step in which the request's bytes
 * are handed to the kernel: Node's `ClientRequest` emits `socket` and then flushes the buffered
 * request at once, and this client only ever hands it a socket that is already connected (TLS
 * included) with the whole body buffered. Marker present after a crash: the bytes were written, the
 * message counts as sent. Marker absent: nothing was written, sending again cannot duplicate.
 * What remains is the gap between two adjacent system calls (the marker's write, the request's),
 * and, for a body larger than the socket's send buffer, the time the rest of it takes to drain.
 */

export interface WireHook {
  /** Called before a request starts; throws to refuse it (nothing is written then). */
  before(): void;
  /** Called synchronously right before the request's bytes go to the kernel; must not throw. */
  onWire(): void;
}

const hooks = new AsyncLocalStorage<WireHook>();

/** Runs `fn` with `hook` attached to every request this client makes inside it. */
export const withWireHook = <T>(hook: WireHook, fn: () => Promise<T>): Promise<T> => hooks.run(hook, fn);

/** A hook that writes a marker key at the wire step; what a caller reads back after the request. */
export interface WireMark {
  hook: WireHook;
  /** The request's bytes went to the kernel (so it may have been carried out). */
  wired(): boolean;
  /** Settles once Redis took or refused the marker (refusals go to `onError`). */
  marked(): Promise<unknown>;
}

/**
 * The marker both users of this client write (the sender, `jobs/processors/send.ts`, and the bot's
 * replay guard, `src/bot/replay-guard.ts`): `SET key value EX ttlS` on `redis`, a connection of the
 * caller's own, issued at `onWire`. ioredis writes a command to its socket synchronously only when
 * the connection is ready and does not auto-pipeline (checked), which is what puts the marker in
 * the kernel before the request; so a request whose connection is not ready is refused in `before`
 * (`unready: 'refuse'`) or goes out without a marker (`unready: 'unmarked'`, for a caller that
 * steps aside while Redis is away).
 */
export function wireMark(
  redis: Redis,
  key: string,
  value: string,
  opts: {
    ttlS: number;
    unready: 'refuse' | 'unmarked';
    onError: (err: unknown) => void;
    /** The caller's own check before the request starts; throws to refuse it. */
    before?: () => void;
  },
): WireMark {
  if (redis.options.enableAutoPipelining)
    throw new Error('a wire-marker connection must not auto-pipeline: its SET would wait for the next tick');
  let wired = false;
  let marking = true;
  let marked: Promise<unknown> = Promise.resolve();
  return {
    hook: {
      before() {
        opts.before?.();
        if (redis.status === 'ready') return;
        if (opts.unready === 'refuse') throw new Error('the wire-marker connection is not ready');
        marking = false;
      },
      onWire() {
        wired = true;
        if (marking) marked = redis.set(key, value, 'EX', opts.ttlS).catch(opts.onError);
      },
    },
    wired: () => wired,
    marked: () => marked,
  };
}

/** A new connection is handed to a request only when connected; it gives up after this long. */
const CONNECT_TIMEOUT_MS = 5_000;

/** Hands the socket to the agent once `ready` fired (connected, or TLS handshake done). */
function whenReady(
  socket: Duplex,
  ready: 'connect' | 'secureConnect',
  cb: (err: Error | null, s: Duplex) => void,
) {
  const timer = setTimeout(() => socket.destroy(new Error('Bot API connect timeout')), CONNECT_TIMEOUT_MS);
  const fail = (err: Error) => {
    clearTimeout(timer);
    cb(err, socket);
  };
  socket.once('error', fail);
  socket.once(ready, () => {
    clearTimeout(timer);
    socket.off('error', fail);
    cb(null, socket);
  });
  return undefined;
}

class ConnectedHttpAgent extends http.Agent {
  override createConnection(options: http.ClientRequestArgs, cb?: (err: Error | null, s: Duplex) => void) {
    return whenReady(net.createConnection(options as net.NetConnectOpts), 'connect', cb!);
  }
}

class ConnectedHttpsAgent extends https.Agent {
  override createConnection(options: https.RequestOptions, cb?: (err: Error | null, s: Duplex) => void) {
    return whenReady(super.createConnection(options)!, 'secureConnect', cb!);
  }
}

type Body = string | Uint8Array | AsyncIterable<Uint8Array | string> | null | undefined;

async function bodyBytes(body: Body): Promise<Buffer> {
  if (body == null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c));
  return Buffer.concat(chunks);
}

interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: Body;
  signal?: { aborted: boolean; addEventListener(type: 'abort', fn: () => void): void } | null;
}

interface WireResponse {
  ok: boolean;
  status: number;
  text(): Promise<string>;
  json(): Promise<unknown>;
}

/**
 * Idle keep-alive sockets are dropped after this long, before a server closes them: a request
 * written into a socket the server is just closing is lost with nobody to tell whether it was read
 * (Node's advice to resend it would, for a server that read it and then dropped the connection,
 * duplicate the message). Node's own server closes after 5 s; Telegram's front ends wait longer.
 */
const IDLE_SOCKET_MS = 4_000;

/** A `fetch` for grammY's `Api` (`new Api(token, { fetch })`); `close()` drops its idle sockets. */
export function createWireFetch() {
  const agents = {
    'http:': new ConnectedHttpAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
    'https:': new ConnectedHttpsAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
  };

  function send(url: URL, init: FetchInit, body: Buffer, hook: WireHook | undefined) {
    const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];
    const request = url.protocol === 'https:' ? https.request : http.request;
    return new Promise<WireResponse>((resolve, reject) => {
      const req = request(
        url,
        {
          method: init.method ?? 'GET',
          headers: { ...init.headers, 'content-length': String(body.length) },
          agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            resolve({
              ok: status >= 200 && status < 300,
              status,
              text: () => Promise.resolve(text),
              json: () => Promise.resolve().then(() => JSON.parse(text) as unknown),
            });
          });
        },
      );
      req.once('socket', () => hook?.onWire());
      req.on('error', reject);
      init.signal?.addEventListener('abort', () => req.destroy(new Error('The request was aborted')));
      req.end(body);
    });
  }

  async function wireFetch(input: string | URL, init: FetchInit = {}): Promise<WireResponse> {
    const url = new URL(String(input));
    const body = await bodyBytes(init.body);
    const hook = hooks.getStore();
    if (init.signal?.aborted) throw new Error('The request was aborted');
    hook?.before();
    return send(url, init, body, hook);
  }

  return Object.assign(wireFetch as unknown as typeof fetch, {
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  });
}
