/**
 * A child process for the wire test: one request through the sender's fetch (jobs/wire.ts) with a
 * hook that writes the wire marker as the sender does, and a SIGKILL at a chosen step.
 * Args: apiUrl redisUrl markerKey (before|after) bodyBytes (warm|fresh).
 */
import type { Redis } from 'ioredis';
import { childArgs, readyRedis } from './child.js';
import { createWireFetch, withWireHook } from '../../jobs/wire.js';

const { url, redisUrl, markerKey, when, size, socket } = childArgs([
  'url',
  'redisUrl',
  'markerKey',
  'when',
  'size',
  'socket',
] as const);
const [redis] = (await readyRedis(redisUrl)) as [Redis];
const wireFetch = createWireFetch();
// A busy sender reuses a keep-alive socket; an idle one connects anew.
if (socket === 'warm') await wireFetch(`${url}/warm`, { method: 'POST', body: '{}' });
const kill = () => process.kill(process.pid, 'SIGKILL');
await withWireHook(
  {
    before() {
      if (when === 'before') kill();
    },
    onWire() {
      void redis.set(markerKey, 'written');
      // Right after the synchronous step that hands the request to the kernel.
      if (when === 'after') queueMicrotask(kill);
    },
  },
  () =>
    wireFetch(`${url}/sendMessage`, {
      method: 'POST',
      body: JSON.stringify({ text: 'x'.repeat(Number(size)) }),
    }),
);
