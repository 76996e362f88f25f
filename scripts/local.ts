/**
 * Local start-up: sandbox + embedded store + Redis + bot + worker, one command, one Ctrl-C.
 * The bot and worker are the production entry point (`src/main.ts`) as child processes; only the
 * environment differs (TELEGRAM_API_ROOT points at the sandbox, MONGODB_URI at the embedded store).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { loadConfig, SANDBOX_BOT_TOKEN } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { openStores } from '../src/stores.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { seedDemo } from './seed-demo.js';

const USAGE = 'usage: bash scripts/local.sh [--port P] [--no-seed]';
const args = process.argv.slice(2);
const portArg = args.indexOf('--port');
const wantedPort = portArg >= 0 ? Number(args[portArg + 1]) : 8081;
if (!Number.isInteger(wantedPort) || wantedPort < 0 || wantedPort > 65535) {
  console.error(`--port must be a port number\n${USAGE}`);
  process.exit(2);
}
const config = loadConfig();
const say = (line: string) => console.log(`[local] ${line}`);

async function sandboxOnFreePort(): Promise<Sandbox> {
  try {
    return await startSandbox({ port: wantedPort });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    say(`port ${wantedPort} is taken; using a free one`);
    return startSandbox({ port: 0 });
  }
}

const sandbox = await sandboxOnFreePort();
// The same store start-up as a production process: the embedded store under DATA_DIR unless
// MONGODB_URI is set, and REDIS_URL, the Redis on 6379, or a started redis-server.
async function startStores() {
  try {
    return await openStores(config, createLogger(config.logLevel, 'local'));
  } catch (err) {
    // Typically another local run on the same DATA_DIR: say so plainly, without a stack trace.
    say(`cannot start the stores: ${(err as Error).message}`);
    await sandbox.close();
    process.exit(1);
  }
}
const stores = await startStores();
say(
  `store ${config.mongoUri ? 'MONGODB_URI' : 'embedded, data in ' + join(config.dataDir, 'mongo')}; redis ${stores.redisUrl}`,
);

// Locally the bot always talks to the sandbox, with the sandbox token, even if BOT_TOKEN is set.
const token = SANDBOX_BOT_TOKEN;
const { BOT_TOKEN: _production, ...baseEnv } = process.env;
const children: ChildProcess[] = [];

/** `port` when nothing listens there, else 0 (a free one): a local run never fails on a busy port. */
function portOrFree(port: number): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(0));
    probe.listen(port, '0.0.0.0', () => probe.close(() => resolve(port)));
  });
}
const opsPorts = {
  bot: await portOrFree(Number(process.env.PORT ?? 8080)),
  worker: await portOrFree(Number(process.env.WORKER_PORT ?? 8082)),
};

function startChild(role: 'bot' | 'worker'): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', role], {
    env: {
      ...baseEnv,
      TELEGRAM_API_ROOT: sandbox.url,
      MONGODB_URI: stores.mongoUri,
      REDIS_URL: stores.redisUrl,
      // Each process serves /healthz, /readyz and /metrics: the bot on PORT (8080), the worker on
      // WORKER_PORT (8082), each on a free port when that one is taken (the process logs which).
      PORT: String(opsPorts[role]),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      process.stdout.write(d);
      out += d.toString();
      if (out.includes(`"${role} started"`)) resolve();
    });
    child.once('exit', (code) => {
      reject(new Error(`${role} exited with code ${code}`));
      if (!stopping) void stop(1);
    });
  });
}

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await Promise.all(
    children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)),
  );
  await sandbox.close();
  await stores.close();
  process.exit(code);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

// The bot user must exist before the demo group is created, so the group gets the bot.
await fetch(`${sandbox.url}/sandbox/bots`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ token, first_name: '党员示范岗助手' }),
});
await Promise.all([startChild('bot'), startChild('worker')]);
if (!args.includes('--no-seed')) {
  const demo = await seedDemo(sandbox.url, token);
  say(demo);
}
console.log(
  `\n  Open ${sandbox.url}/  (Telegram sandbox: act as any demo user)\n  Ctrl-C stops everything.\n`,
);
