import { settingsOf } from '../../src/services/branch-settings.js';
import type { ExpiredDialog } from '../../src/services/dialog-service.js';
import type { OutgoingMessage } from '../../src/services/notice.js';
import type { JobDeps } from './context.js';

/** Dialogs ended per read; a sweep reads again while a read comes back full. */
const BATCH = 100;

/**
 * Every minute: ends the dialogs nobody answered by `asOf` and queues the note where the question
 * was asked: in a group, naming the person, in the branch's language; in private, in the user's
 * language, taking away the dialog's keyboard. Ending is conditional on the expiry read (an
 * answer that came in meanwhile keeps its dialog); the ended dialog's record goes only after its
 * note is queued, so a sweep that dies in between leaves it for the next one; each note's key is the
 * dialog with the expiry it ended at, so a retried job never doubles one.
 */
export async function processDialogSweep(deps: Pick<JobDeps, 'services' | 'outbox' | 't'>, asOf: Date) {
  let ended = 0;
  for (;;) {
    const batch = await deps.services.dialogs.endExpired(asOf, BATCH);
    for (const d of batch) {
      await deps.outbox.send(await expiryNote(deps, d));
      await deps.services.dialogs.removeEnded(d);
    }
    ended += batch.length;
    if (batch.length < BATCH) return `ended ${ended}`;
  }
}

/** The note that a dialog ended unanswered, for the chat it was asked in. */
export async function expiryNote(
  deps: Pick<JobDeps, 'services' | 't'>,
  d: ExpiredDialog,
): Promise<OutgoingMessage> {
  const [chatId, userId] = d.key.split(':').map(Number) as [number, number];
  const key = `dialog-expired:${d.key}:${d.expiresAt.getTime()}`;
  const minutes = d.idleMinutes;
  if (chatId > 0) {
    const locale = await deps.services.users.localeOf(userId);
    return { key, chatId, text: deps.t(locale, 'dialog-expired', { minutes }), removeKeyboard: true };
  }
  const branch = await deps.services.branches.findByChat(chatId);
  const name = (await deps.services.users.get(userId))?.firstName ?? String(userId);
  const locale = branch ? settingsOf(branch).language : 'zh';
  return { key, chatId, text: deps.t(locale, 'dialog-expired-for', { name, minutes }) };
}
