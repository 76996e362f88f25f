import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { maxmemoryPolicy, pingRedis } from './ping.js';

export interface LocalRedis {
  url: string;
  /** True when this process started the server (and `close()` stops it). */
  started: boolean;
  /** Set when the server's eviction policy would make BullMQ lose jobs. */
  warning?: string;
  close(): Promise<void>;
}

export interface EnsureRedisOptions {
  /** REDIS_URL: used as it is when set. */
  url?: string;
  /** Where a started server keeps its files. */
  dataDir: string;
  /** Keep an append-only file so queued jobs survive a restart (local start-up); tests leave it off. */
  persist?: boolean;
  /** Install Debian's redis-server when it is missing and we are root (default true). */
  install?: boolean;
  log?: (line: string) => void;
}

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_PORT = 6379;

/**
 * Finds or starts the Redis that BullMQ needs: REDIS_URL when set; else one already answering on
 * 127.0.0.1:6379; else Debian's redis-server started on a free port with its data in `dataDir`.
 */
export async function ensureRedis(opts: EnsureRedisOptions): Promise<LocalRedis> {
  const log = opts.log ?? (() => undefined);
  if (opts.url) {
    const u = new URL(opts.url);
    const port = Number(u.port || DEFAULT_PORT);
    const warning = u.password ? undefined : await policyWarning(u.hostname, port);
    return { url: opts.url, started: false, warning, close: async () => undefined };
  }
  if (await pingRedis(DEFAULT_HOST, DEFAULT_PORT)) {
    const url = `redis://${DEFAULT_HOST}:${DEFAULT_PORT}`;
    return {
      url,
      started: false,
      warning: await policyWarning(DEFAULT_HOST, DEFAULT_PORT),
      close: async () => undefined,
    };
  }
  return startRedisServer(opts, log);
}

/** Starts Debian's redis-server on a free loopback port, installing it first where allowed. */
export async function startRedisServer(
  opts: Pick<EnsureRedisOptions, 'dataDir' | 'persist' | 'install'>,
  log: (line: string) => void = () => undefined,
): Promise<LocalRedis> {
  const binary = findRedisServer() ?? installRedisServer(opts.install ?? true, log);
  const port = await freePort();
  mkdirSync(opts.dataDir, { recursive: true });
  log(`starting ${binary} on 127.0.0.1:${port} (data in ${opts.dataDir})`);
  const args = ['--port', String(port), '--bind', DEFAULT_HOST, '--dir', opts.dataDir, '--save', ''];
  args.push(
    '--appendonly',
    opts.persist ? 'yes' : 'no',
    '--maxmemory-policy',
    'noeviction',
    '--daemonize',
    'no',
  );
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  await waitUntilUp(child, port);
  return { url: `redis://${DEFAULT_HOST}:${port}`, started: true, close: () => stop(child) };
}

async function policyWarning(host: string, port: number): Promise<string | undefined> {
  const policy = await maxmemoryPolicy(host, port);
  if (policy === null || policy === 'noeviction') return undefined;
  return `Redis at ${host}:${port} has maxmemory-policy=${policy}; BullMQ needs noeviction (redis-cli CONFIG SET maxmemory-policy noeviction)`;
}

function findRedisServer(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path ? path : null;
}

function installRedisServer(allowed: boolean, log: (line: string) => void): string {
  const how = 'apt-get update && apt-get install -y redis-server';
  const isRoot = process.getuid?.() === 0;
  if (!allowed || !isRoot) {
    throw new Error(
      `No Redis answers on 127.0.0.1:6379 and redis-server is not installed. Install it (${how}) or set REDIS_URL.`,
    );
  }
  log(`redis-server is missing: running ${how}`);
  const res = spawnSync('sh', ['-c', `${how} >/dev/null 2>&1`], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  const path = findRedisServer();
  if (res.status !== 0 || !path)
    throw new Error(`Installing redis-server failed; run "${how}" yourself or set REDIS_URL.`);
  return path;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, DEFAULT_HOST, () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(child: ChildProcess, port: number): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`redis-server exited with code ${child.exitCode}: ${stderr.trim()}`);
    if (await pingRedis(DEFAULT_HOST, port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not answer on port ${port} within 10 s: ${stderr.trim()}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
