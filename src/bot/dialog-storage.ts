import type { VersionedStateStorage } from '@grammyjs/conversations';
import { takeIdle } from '../../scenes/support/idle.js';
import type { Models } from '../db/models/index.js';

/**
 * Keeps conversation state in MongoDB so a dialog survives a restart of the bot, with the time
 * the open question goes stale (the worker's dialog sweep, jobs/processors/dialog-sweep.ts, ends it then).
 */
export function dialogStorage<S>(
  models: Pick<Models, 'DialogState'>,
  clock: () => Date = () => new Date(),
): VersionedStateStorage<string, S> {
  const { DialogState } = models;
  return {
    async read(key) {
      // A dialog the sweep has ended (its note not yet queued) is gone for the bot.
      const doc = await DialogState.findOne({ _id: key, endingAt: { $exists: false } }).lean<{
        state: Parameters<VersionedStateStorage<string, S>['write']>[1];
      }>();
      return doc?.state;
    },
    async write(key, state) {
      const now = clock();
      const idleMinutes = takeIdle(key);
      const expiresAt = new Date(now.getTime() + idleMinutes * 60_000);
      await DialogState.updateOne(
        { _id: key },
        { $set: { state, updatedAt: now, expiresAt, idleMinutes }, $unset: { endingAt: 1 } },
        { upsert: true },
      );
    },
    async delete(key) {
      takeIdle(key);
      await DialogState.deleteOne({ _id: key });
    },
  };
}
