import { settingsOf } from '../../src/services/branch-settings.js';
import { removeBranchSchedules, scheduleFingerprint, syncBranchSchedules } from '../schedules.js';
import type { JobDeps } from './context.js';

/**
 * Brings the job schedulers in line with the branches: upserts those of active branches whose
 * timing settings changed (fingerprint in Redis), removes those of unbound branches. Runs at
 * worker start and every few minutes, so a settings change or an unbind needs no other wiring.
 */
export async function processReconcile(deps: Pick<JobDeps, 'services' | 'schedule' | 'redis' | 'prefix'>) {
  const key = `${deps.prefix}:schedule-prints`;
  const known = await deps.redis.hgetall(key);
  const branches = await deps.services.branches.allSchedules();
  let changed = 0;
  let removed = 0;
  for (const b of branches) {
    const id = String(b._id);
    if (!b.active) {
      if (known[id]) {
        await removeBranchSchedules(deps.schedule, id);
        await deps.redis.hdel(key, id);
        removed++;
      }
      continue;
    }
    const s = settingsOf(b);
    const print = scheduleFingerprint(s);
    if (known[id] === print) continue;
    await syncBranchSchedules(deps.schedule, id, s);
    await deps.redis.hset(key, id, print);
    changed++;
  }
  const ids = new Set(branches.map((b) => String(b._id)));
  for (const id of Object.keys(known).filter((k) => !ids.has(k))) {
    await removeBranchSchedules(deps.schedule, id);
    await deps.redis.hdel(key, id);
    removed++;
  }
  return { changed, removed };
}
