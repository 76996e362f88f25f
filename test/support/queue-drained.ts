import type { Queue } from 'bullmq';

/**
 * Waits until `queue` has no job left to run (waiting, delayed, active, prioritized, waiting for
 * children): e.g. the sender queue once everything queued has gone out.
 */
export async function queueDrained(queue: Queue, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const c = await queue.getJobCounts('wait', 'delayed', 'active', 'prioritized', 'waiting-children');
    if (Object.values(c).every((n) => n === 0)) return;
    if (Date.now() > end)
      throw new Error(`${queue.name} queue not drained after ${timeoutMs} ms: ${JSON.stringify(c)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
