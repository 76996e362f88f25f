import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface BotProcess {
  token: string;
  dbName: string;
  /** Everything the process printed, for assertions and for debugging a failed test. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /**
   * Another process of the same bot (a replica, or the worker with `role: 'worker'`): same sandbox,
   * token and database, this one's environment with `env` over it (its ops server on a port of
   * its own unless `env.PORT` names one).
   */
  sibling(opts?: { role?: 'bot' | 'worker'; env?: Record<string, string> }): Promise<BotProcess>;
}

/** A fresh bot token of Telegram's shape, so each test file gets its own bot user in the sandbox. */
export function randomToken(): string {
  return `${randomInt(1_000_000, 2_000_000_000)}:${randomBytes(24).toString('base64url')}`;
}

/**
 * Starts the real bot (or worker) process, `src/main.ts`, pointed at a sandbox and at the run's
 * stores with a database of its own, and resolves once it logs that it has started (within 60 s:
 * a cold tsx start on a busy 2-core machine has taken more than 30).
 */
export async function startBotProcess(opts: {
  apiRoot: string;
  role?: 'bot' | 'worker';
  token?: string;
  dbName?: string;
  env?: Record<string, string>;
}): Promise<BotProcess> {
  const token = opts.token ?? randomToken();
  const dbName = opts.dbName ?? `e2e_${randomBytes(6).toString('hex')}`;
  const mongo = new URL(inject('mongoUri'));
  mongo.pathname = `/${dbName}`;
  const role = opts.role ?? 'bot';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', role], {
    cwd: ROOT,
    env: {
      ...process.env,
      BOT_TOKEN: token,
      TELEGRAM_API_ROOT: opts.apiRoot,
      MONGODB_URI: mongo.toString(),
      REDIS_URL: inject('redisUrl'),
      LOG_LEVEL: 'info',
      // The ops server (/healthz, /readyz, /metrics) on a free port: files run side by side.
      PORT: '0',
      // Scripted people send commands faster than real ones; the flood gate has its own e2e
      // (pipeline.test.ts), which sets its limit.
      FLOOD_COMMANDS: '1000',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const readyLine = role === 'bot' ? '"bot started"' : '"worker started"';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${role} did not start in 60 s:\n${out}`)), 60_000);
    const check = () => {
      if (out.includes(readyLine)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${role} exited with ${code} before starting:\n${out}`));
    });
  });
  return {
    token,
    dbName,
    sibling: (more = {}) =>
      startBotProcess({
        apiRoot: opts.apiRoot,
        token,
        dbName,
        role: more.role ?? 'bot',
        env: { ...opts.env, PORT: '0', ...more.env },
      }),
    output: () => out,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        // Exited already (a process killed by a signal has no exit code, only the signal).
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', (code) => {
          clearTimeout(timer);
          resolve(code);
        });
        child.kill(signal);
      }),
  };
}
