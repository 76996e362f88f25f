import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const { port } = srv.address() as { port: number };
  await new Promise((r) => srv.close(r));
  return port;
}

describe('npm run sandbox', () => {
  it('prints "sandbox http://127.0.0.1:P", serves the Bot API and the page, and saves the transcript on SIGTERM', async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'sb-cli-'));
    const transcript = join(dir, 'transcript.json');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/sandbox/cli.ts', '--port', String(port), '--transcript', transcript],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) resolve(out.split('\n')[0]!);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
      });
      expect(line.startsWith(`sandbox http://127.0.0.1:${port}`)).toBe(true);
      const me = await fetch(`http://127.0.0.1:${port}/bot123456:${'A'.repeat(35)}/getMe`);
      expect(((await me.json()) as { ok: boolean }).ok).toBe(true);
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toContain('<meta charset="utf-8" />');
      const code = await new Promise<number | null>((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      });
      expect(code).toBe(0);
      expect(existsSync(transcript)).toBe(true);
      const entries = JSON.parse(readFileSync(transcript, 'utf8')) as { method?: string }[];
      expect(entries.some((e) => e.method === 'getMe')).toBe(true);
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
