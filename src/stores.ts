import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { ensureRedis } from './local-redis/index.js';

/**
 * Resolves the two stores a process needs. Production passes MONGODB_URI and REDIS_URL; locally the
 * start-up script passes both. A process started alone without MONGODB_URI runs the embedded store
 * under DATA_DIR itself (one process per directory: the store's lock refuses a second one).
 */
export async function openStores(config: Config, log: Logger) {
  const closers: Array<() => Promise<void>> = [];
  let mongoUri = config.mongoUri;
  if (!mongoUri) {
    const { startEmbeddedMongo } = await import('./mongo-embedded/index.js');
    const mongo = await startEmbeddedMongo({ dbpath: join(config.dataDir, 'mongo'), port: 0 });
    log.warn({ uri: mongo.uri }, 'MONGODB_URI not set: using the embedded store (local use only)');
    closers.push(() => mongo.close());
    mongoUri = `${mongo.uri}/model_post`;
  }
  const redis = await ensureRedis({
    url: config.redisUrl,
    dataDir: join(config.dataDir, 'redis'),
    persist: true,
    log: (line) => log.info(line),
  });
  if (redis.warning) log.warn(redis.warning);
  closers.push(() => redis.close());
  return {
    mongoUri,
    redisUrl: redis.url,
    async close() {
      for (const close of closers.reverse()) await close();
    },
  };
}
