import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureRedis, startRedisServer, type LocalRedis } from '../../src/local-redis/index.js';
import { maxmemoryPolicy, pingRedis, redisCommand } from '../../src/local-redis/ping.js';

const dir = mkdtempSync(join(tmpdir(), 'mp-redis-test-'));
const started: LocalRedis[] = [];
afterAll(async () => {
  await Promise.all(started.map((r) => r.close()));
  rmSync(dir, { recursive: true, force: true });
});

function hostPort(url: string): [string, number] {
  const u = new URL(url);
  return [u.hostname, Number(u.port)];
}

describe('local Redis', () => {
  it('starts redis-server on a free port with noeviction, and stops it on close', async () => {
    const redis = await startRedisServer({ dataDir: join(dir, 'a') });
    const [host, port] = hostPort(redis.url);
    expect(redis.started).toBe(true);
    expect(port).not.toBe(6379);
    expect(await pingRedis(host, port)).toBe(true);
    expect(await maxmemoryPolicy(host, port)).toBe('noeviction');
    await redis.close();
    expect(await pingRedis(host, port)).toBe(false);
  });

  it('uses REDIS_URL as given and warns when its eviction policy would lose BullMQ jobs', async () => {
    const redis = await startRedisServer({ dataDir: join(dir, 'b') });
    started.push(redis);
    const [host, port] = hostPort(redis.url);
    const same = await ensureRedis({ url: redis.url, dataDir: join(dir, 'unused') });
    expect(same).toMatchObject({ url: redis.url, started: false, warning: undefined });
    await redisCommand(host, port, ['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru']);
    const warned = await ensureRedis({ url: redis.url, dataDir: join(dir, 'unused') });
    expect(warned.warning).toMatch(/maxmemory-policy=allkeys-lru.*noeviction/);
  });

  it('reports nothing answering on a closed port', async () => {
    expect(await pingRedis('127.0.0.1', 1)).toBe(false);
  });
});
