import type { VersionedStateStorage } from '@grammyjs/conversations';
import type { Models } from '../db/models/index.js';

/** Keeps conversation state in MongoDB so a dialog survives a restart of the bot. */
export function dialogStorage<S>(models: Pick<Models, 'DialogState'>): VersionedStateStorage<string, S> {
  const { DialogState } = models;
  return {
    async read(key) {
      const doc = await DialogState.findById(key).lean<{
        state: Parameters<VersionedStateStorage<string, S>['write']>[1];
      }>();
      return doc?.state;
    },
    async write(key, state) {
      await DialogState.updateOne({ _id: key }, { $set: { state, updatedAt: new Date() } }, { upsert: true });
    },
    async delete(key) {
      await DialogState.deleteOne({ _id: key });
    },
  };
}
