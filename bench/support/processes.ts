import { spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort, startWebhookProxy } from '../../test/support/webhook-proxy.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Linux's USER_HZ: /proc counts CPU time in 1/100 s. */
const CLOCK_TICKS = 100;

export interface BenchProcess {
  name: string;
  pid: number;
  /** Resident set size now and at its peak (VmHWM), in MB, from /proc. */
  rss(): { now: number; peak: number };
  /** CPU time used so far (user + system), in ms, from /proc. */
  cpuMs(): number;
  output(): string;
  stop(): Promise<number | null>;
}

/** CPU time (user + system) a process has used so far, in ms, from /proc. */
export function cpuMsOf(pid: number): number {
  // The fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / CLOCK_TICKS;
}

/** A fresh bot token of Telegram's shape: each bot of a run gets its own bot user in the sandbox. */
export const randomToken = () =>
  `${randomInt(1_000_000, 2_000_000_000)}:${randomBytes(24).toString('base64url')}`;

/**
 * Spawns `node <args>` (a `.ts` script runs through tsx) and resolves once its output matches
 * `ready`.
 */
export async function startProcess(
  name: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<BenchProcess> {
  const tsx = args[0]!.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...tsx, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 60 s:\n${out}`)), 60_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before starting:\n${out.slice(-3000)}`));
    };
    child.once('exit', onExit);
    child.stdout.on('data', function check() {
      if (!ready.test(out)) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout.off('data', check);
      resolve();
    });
  });
  const pid = child.pid!;
  let stopping = false;
  // A process that dies during the run is said at once, with its last output (the figures read
  // from /proc would otherwise fail without a reason).
  child.once('exit', (code, signal) => {
    if (!stopping) console.error(`${name} exited during the run (${code ?? signal}):\n${out.slice(-4000)}`);
  });
  return {
    name,
    pid,
    rss() {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (field: string) =>
        Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
      return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
    },
    cpuMs: () => cpuMsOf(pid),
    output: () => out,
    stop: () =>
      new Promise((resolve) => {
        stopping = true;
        if (child.exitCode !== null) return resolve(child.exitCode);
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', (code) => {
          clearTimeout(timer);
          resolve(code);
        });
        child.kill('SIGTERM');
      }),
  };
}

export interface BotTarget {
  token: string;
  processes: BenchProcess[];
  /** The product's queue prefix in Redis. */
  prefix?: string;
  /** Stops the processes (and the webhook proxy in front of them). */
  stop(): Promise<void>;
}

/**
 * `replicas` processes of the product's bot (`src/main.ts bot`) on one token, database and queue
 * prefix. The bench's own environment passes through (BOT_MODE, UPDATE_CONCURRENCY, ...); PORT
 * defaults to 0 so that replicas on one machine do not clash over an ops port. With
 * BOT_MODE=webhook each replica gets a port of its own behind a round-robin proxy, the webhook's URL
 * (test/support/webhook-proxy.ts, as the pipeline e2e test does), and a fresh WEBHOOK_SECRET.
 */
export async function startProduct(opts: {
  apiRoot: string;
  mongoUri: string;
  replicas: number;
  dbName: string;
  /** Run the built JavaScript (`dist/src/main.js`, see build.ts) as the Dockerfile does, not tsx. */
  built?: boolean;
}): Promise<BotTarget> {
  const token = randomToken();
  const mongo = new URL(opts.mongoUri);
  mongo.pathname = `/${opts.dbName}`;
  const prefix = `bench${randomBytes(5).toString('hex')}`;
  // startProcess adds the rest of the bench's environment.
  const env: Record<string, string> = {
    PORT: process.env.PORT ?? '0',
    LOG_LEVEL: 'info', // the start is read from the log
    BOT_TOKEN: token,
    TELEGRAM_API_ROOT: opts.apiRoot,
    MONGODB_URI: mongo.toString(),
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: prefix,
    // Node options for the bot processes alone, e.g. a heap limit to tell held memory from garbage.
    ...(process.env.BOT_NODE_OPTIONS && { NODE_OPTIONS: process.env.BOT_NODE_OPTIONS }),
  };
  const ports: number[] = [];
  const proxy = process.env.BOT_MODE === 'webhook' ? await startWebhookProxy(() => ports) : undefined;
  if (proxy) {
    env.WEBHOOK_URL = `${proxy.url}/telegram`;
    env.WEBHOOK_SECRET = randomBytes(16).toString('hex');
    for (let i = 0; i < opts.replicas; i++) ports.push(await freePort());
  }
  const starts = await Promise.allSettled(
    Array.from({ length: opts.replicas }, (_, i) =>
      startProcess(
        `product bot #${i + 1}`,
        [opts.built ? 'dist/src/main.js' : 'src/main.ts', 'bot'],
        proxy ? { ...env, PORT: String(ports[i]) } : env,
        /"msg":"bot started"/,
      ),
    ),
  );
  const processes = starts.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = starts.find((r) => r.status === 'rejected');
  if (failed) {
    for (const p of processes) await p.stop();
    await proxy?.close();
    throw failed.reason;
  }
  return {
    token,
    processes,
    prefix,
    async stop() {
      for (const p of processes) await p.stop();
      await proxy?.close();
    },
  };
}

/** The bare grammY bot with runner and sequentialize (bench/support/runner-bot.ts). */
export async function startRunnerBot(opts: { apiRoot: string; mongoUri: string }): Promise<BotTarget> {
  const token = randomToken();
  const mongo = new URL(opts.mongoUri);
  mongo.pathname = `/bench_runner_${randomBytes(4).toString('hex')}`;
  const env = { BOT_TOKEN: token, TELEGRAM_API_ROOT: opts.apiRoot, MONGODB_URI: mongo.toString() };
  const p = await startProcess('runner bot', ['bench/support/runner-bot.ts'], env, /runner bot started/);
  return { token, processes: [p], stop: async () => void (await p.stop()) };
}
