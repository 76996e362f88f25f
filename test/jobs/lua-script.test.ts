import { createHash, randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { luaScript } from '../../jobs/queues.js';

/** luaScript on the real Redis: sent by SHA, its text once when Redis does not know it. */
const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: 1, enableAutoPipelining: true });
afterAll(() => redis.quit());

describe('luaScript', () => {
  it('loads a script Redis does not know with its first call, then runs it by SHA', async () => {
    // A script no one ran before: a comment of its own.
    const lua = `-- ${randomBytes(6).toString('hex')}\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])`;
    const sha = createHash('sha1').update(lua).digest('hex');
    const incr = luaScript(lua, 1);
    const key = `t${randomBytes(5).toString('hex')}`;
    expect(await redis.script('EXISTS', sha)).toEqual([0]);
    expect(await incr(redis, key, 2)).toBe(2);
    expect(await redis.script('EXISTS', sha)).toEqual([1]);
    expect(await incr(redis, key, 3)).toBe(5);
    await redis.del(key);
  });

  it('runs on an auto-pipelining connection with other commands of the same tick, in order', async () => {
    const lua = `-- ${randomBytes(6).toString('hex')}\nreturn redis.call('RPUSH', KEYS[1], ARGV[1])`;
    const push = luaScript(lua, 1);
    const key = `t${randomBytes(5).toString('hex')}`;
    // The first calls meet NOSCRIPT together and are sent again with the text, still in order.
    const all = await Promise.all([
      redis.ping(),
      ...Array.from({ length: 20 }, (_, i) => push(redis, key, i)),
      redis.ping(),
    ]);
    expect(all.at(-2)).toBe(20);
    expect(await redis.lrange(key, 0, -1)).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
    await redis.del(key);
  });
});
