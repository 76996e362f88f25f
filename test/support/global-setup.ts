import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/mongo-embedded/index.js';
import { ensureRedis, type LocalRedis } from '../../src/local-redis/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    redisUrl: string;
  }
}

/**
 * One store of each kind for the whole run: the embedded MongoDB-compatible server (or the real
 * MongoDB named by MONGODB_URI) and a real Redis. Every test then owns its own database name and
 * queue names, so files running in parallel never see each other's data.
 */
export default async function setup(project: TestProject) {
  let mongo: EmbeddedMongo | undefined;
  let dir: string | undefined;
  let mongoUri = process.env.MONGODB_URI;
  if (!mongoUri) {
    dir = mkdtempSync(join(tmpdir(), 'mp-test-mongo-'));
    mongo = await startEmbeddedMongo({ port: 0, dbpath: dir });
    mongoUri = mongo.uri;
  }
  const redis: LocalRedis = await ensureRedis({
    url: process.env.REDIS_URL,
    dataDir: join(tmpdir(), 'mp-test-redis'),
  });
  project.provide('mongoUri', mongoUri);
  project.provide('redisUrl', redis.url);
  return async () => {
    await mongo?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await redis.close();
  };
}
