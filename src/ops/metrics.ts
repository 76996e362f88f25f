import type { Transformer } from 'grammy';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus metrics, served at /metrics (src/ops/server.ts). One registry per process:
 * the bot and the worker each count what they did; Prometheus adds the replicas up.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const updatesReceived = new Counter({
  name: 'bot_updates_received_total',
  help: 'Updates taken in from Telegram (polling or webhook); duplicate="true" were queued before',
  labelNames: ['duplicate'] as const,
  registers: [registry],
});
export const updatesHandled = new Counter({
  name: 'bot_updates_handled_total',
  help: 'Updates handled to the end',
  registers: [registry],
});
export const updatesFailed = new Counter({
  name: 'bot_updates_failed_total',
  help: 'Attempts at an update that failed (not counting a store being away)',
  registers: [registry],
});
export const updatesParked = new Counter({
  name: 'bot_updates_parked_total',
  help: 'Updates parked as dead letters after their last attempt',
  registers: [registry],
});
export const handlingSeconds = new Histogram({
  name: 'bot_update_handling_seconds',
  help: 'Time to handle one update',
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});
export const telegram429 = new Counter({
  name: 'telegram_429_total',
  help: 'Bot API calls answered 429 Too Many Requests',
  labelNames: ['method'] as const,
  registers: [registry],
});
export const messagesSent = new Counter({
  name: 'telegram_messages_sent_total',
  help: 'Messages the Bot API accepted (send*, copy*, forward*)',
  labelNames: ['method'] as const,
  registers: [registry],
});

export const answersBatched = new Counter({
  name: 'bot_group_answers_batched_total',
  help: 'Answers to a flooded group put in a batch instead of sent (batch="opened" started one)',
  labelNames: ['batch'] as const,
  registers: [registry],
});

/** A gauge read when scraped, e.g. a queue's depth; NaN while its store does not answer. */
export function gaugeOf(name: string, help: string, read: () => Promise<number>) {
  return new Gauge({
    name,
    help,
    registers: [registry],
    async collect() {
      this.set(await read().catch(() => Number.NaN));
    },
  });
}

const SENDS = /^(send|copy|forward)/;

/**
 * Counts 429s and accepted messages. Install it first on an Api (grammY runs the last installed
 * transformer outermost), so it sees each try auto-retry makes.
 */
export const apiMetrics: Transformer = async (prev, method, payload, signal) => {
  const res = await prev(method, payload, signal);
  if (!res.ok && res.error_code === 429) telegram429.inc({ method });
  else if (res.ok && SENDS.test(method)) messagesSent.inc({ method });
  return res;
};
