import type { Models } from '../db/models/index.js';

/** A person whose open dialogs ended, with the dialogs' ids (the conversations' names). */
export interface EndedDialogs {
  readonly userId: number;
  readonly name: string;
  readonly dialogs: string[];
}

/** A dialog ended because its open question went unanswered: `chat:user`, its limit and expiry. */
export interface ExpiredDialog {
  readonly key: string;
  readonly idleMinutes: number;
  readonly expiresAt: Date;
}

/** The stored shape of @grammyjs/conversations' versioned state: conversation id → states. */
interface StoredDialog {
  _id: string;
  state?: { state?: Record<string, unknown[]> };
}

/** Use cases about the open dialogs themselves (kept in DialogState, one per chat and user). */
export function createDialogService({ models }: { models: Pick<Models, 'DialogState' | 'UserPref'> }) {
  const { DialogState, UserPref } = models;
  return {
    /**
     * A basic group became a supergroup: its dialogs cannot go on. Their questions were forced
     * replies in the old chat, which nobody can answer any more, and in the new chat (privacy
     * mode) the bot does not see a plain answer. So each dialog of the old chat ends here, once
     * (both service messages of a migration call this; the second finds nothing), and the people
     * are returned so the new chat can be told what to start again.
     */
    async endForMigratedChat(oldChatId: number): Promise<EndedDialogs[]> {
      const prefix = `${oldChatId}:`;
      const open = await DialogState.find({ _id: { $regex: `^${prefix}` } })
        .select({ _id: 1 })
        .lean<{ _id: string }[]>();
      const ended: EndedDialogs[] = [];
      for (const { _id } of open) {
        const gone = await DialogState.findOneAndDelete({ _id }).lean<StoredDialog>();
        if (!gone) continue;
        const dialogs = Object.entries(gone.state?.state ?? {})
          .filter(([, states]) => Array.isArray(states) && states.length > 0)
          .map(([id]) => id);
        if (!dialogs.length) continue;
        const userId = Number(_id.slice(prefix.length));
        const user = await UserPref.findById(userId).select({ firstName: 1 }).lean<{ firstName?: string }>();
        ended.push({ userId, name: user?.firstName ?? String(userId), dialogs });
      }
      return ended;
    },

    /**
     * Ends dialogs nobody answered by `now` (at most `limit`) and returns them (the key is
     * `chat:user`, with the expiry it ended at), with those an earlier sweep ended but did not get
     * to remove. Ending marks the record (`endingAt`), conditional on the expiry read, so an answer
     * that came in meanwhile keeps its dialog; from then on the bot reads no dialog there. The
     * record goes with `removeEnded`, once its note is queued.
     */
    async endExpired(now: Date, limit: number): Promise<ExpiredDialog[]> {
      const due = await DialogState.find({ expiresAt: { $lte: now } })
        .select({ _id: 1, idleMinutes: 1, expiresAt: 1, endingAt: 1 })
        .sort({ expiresAt: 1 })
        .limit(limit)
        .lean<{ _id: string; idleMinutes?: number; expiresAt: Date; endingAt?: Date }[]>();
      const ended: ExpiredDialog[] = [];
      for (const d of due) {
        const doc = d.endingAt
          ? d
          : await DialogState.findOneAndUpdate(
              { _id: d._id, expiresAt: { $lte: now }, endingAt: { $exists: false } },
              { $set: { endingAt: now } },
              { new: true },
            ).lean<{ expiresAt?: Date; idleMinutes?: number }>();
        if (doc)
          ended.push({
            key: d._id,
            idleMinutes: doc.idleMinutes ?? d.idleMinutes ?? 30,
            expiresAt: doc.expiresAt ?? d.expiresAt,
          });
      }
      return ended;
    },

    /** Removes a dialog `endExpired` ended, once its note is queued (not one started again since). */
    async removeEnded(d: ExpiredDialog): Promise<void> {
      await DialogState.deleteOne({ _id: d.key, endingAt: { $exists: true }, expiresAt: d.expiresAt });
    },
  };
}
export type DialogService = ReturnType<typeof createDialogService>;
