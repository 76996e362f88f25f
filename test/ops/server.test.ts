import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { apiMetrics, registry } from '../../src/ops/metrics.js';
import { startOpsServer } from '../../src/ops/server.js';

const log = createLogger('silent');
let mongoUp = true;
const ops = await startOpsServer({
  port: 0,
  host: '127.0.0.1',
  log,
  checks: {
    mongo: () => mongoUp,
    redis: async () => true,
    // A check that never answers counts as not ready (after 2 s), it does not hang the probe.
    ingestion: () => new Promise<boolean>(() => undefined),
  },
});
afterAll(() => ops.close());
const get = (path: string) => fetch(`http://127.0.0.1:${ops.port}${path}`);

describe('ops server', () => {
  it('is alive while its parts are not ready, and says which are not', async () => {
    expect((await get('/healthz')).status).toBe(200);
    const res = await get('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ready: false, notReady: ['ingestion'] });
    mongoUp = false;
    expect(await (await get('/readyz')).json()).toEqual({ ready: false, notReady: ['mongo', 'ingestion'] });
  });

  it('serves Prometheus metrics; 429s and accepted messages are counted from Bot API answers', async () => {
    const ok = { ok: true as const, result: {} };
    const tooMany = { ok: false as const, error_code: 429, description: 'Too Many Requests: retry after 1' };
    const prev = async (method: string) => (method === 'sendMessage' ? ok : tooMany);
    await apiMetrics(prev as never, 'sendMessage', {} as never);
    await apiMetrics(prev as never, 'editMessageText', {} as never);
    await apiMetrics(prev as never, 'getChat', {} as never);
    const res = await get('/metrics');
    expect(res.headers.get('content-type')).toBe(registry.contentType);
    const text = await res.text();
    expect(text).toContain('telegram_messages_sent_total{method="sendMessage"} 1');
    expect(text).toContain('telegram_429_total{method="editMessageText"} 1');
    expect(text).toContain('telegram_429_total{method="getChat"} 1');
    for (const name of [
      'bot_updates_received_total',
      'bot_updates_handled_total',
      'bot_updates_parked_total',
    ])
      expect(text).toContain(`# TYPE ${name} counter`);
    expect(text).toContain('# TYPE bot_update_handling_seconds histogram');
  });
});
