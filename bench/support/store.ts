import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface BenchStore {
  uri: string;
  /** The embedded server's process; absent with MONGODB_URI. */
  pid?: number;
  stop(): Promise<void>;
}

/**
 * The store a bench measures: the embedded server as its own process (`src/mongo-embedded/cli.ts`)
 * on a temporary dbpath, or the server named by MONGODB_URI.
 */
export async function startBenchStore(name: string): Promise<BenchStore> {
  if (process.env.MONGODB_URI) return { uri: process.env.MONGODB_URI, stop: async () => undefined };
  const dir = mkdtempSync(join(tmpdir(), `bench-${name}-`));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/mongo-embedded/cli.ts', '--port', '0', '--dbpath', dir],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const uri = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    uri,
    pid: child.pid,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
