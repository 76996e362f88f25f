/**
 * One process per data directory: a `mongod.lock` file holding the owner's pid. A lock left by a
 * process that no longer runs (kill -9) is taken over; a live owner makes the start fail clearly.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

const held = new Set<string>();

export class DbpathLockedError extends Error {}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // A recycled pid that now belongs to something other than node is not our owner.
    return /node|tsx/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return true;
  }
}

/** Takes the lock on `dbpath`; returns the function that releases it. */
export function lockDbpath(dbpath: string): () => void {
  mkdirSync(dbpath, { recursive: true });
  const file = join(resolve(dbpath), 'mongod.lock');
  if (held.has(file)) throw new DbpathLockedError(`dbpath ${dbpath} is already in use by this process`);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw err;
      let pid: number;
      try {
        pid = Number(readFileSync(file, 'utf8').trim());
      } catch {
        continue; // removed meanwhile: try again
      }
      if (alive(pid) && pid !== process.pid) {
        throw new DbpathLockedError(
          `dbpath ${dbpath} is in use by another mongo-embedded process (pid ${pid}); stop it or choose another --dbpath`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  held.add(file);
  return () => {
    held.delete(file);
    rmSync(file, { force: true });
  };
}
