/** How long a dialog waits for an answer unless its branch says otherwise. */
export const DEFAULT_IDLE_MINUTES = 30;

/** The storage key of a dialog: one per chat and user, so members of one group never share one. */
export function dialogKey(chatId: number, userId: number): string {
  return `${chatId}:${userId}`;
}

/**
 * The idle limit of the question each dialog is waiting on. `ask` notes it while the update is
 * handled (replays included), and the dialog storage reads it when it saves the state, to store
 * when the dialog expires. Updates of one key are handled one at a time, so the note is current.
 */
const waiting = new Map<string, number>();

export function noteIdle(key: string, minutes: number): void {
  waiting.set(key, minutes);
}

/** The limit noted for the key (and forgets it), or the default. */
export function takeIdle(key: string): number {
  const minutes = waiting.get(key) ?? DEFAULT_IDLE_MINUTES;
  waiting.delete(key);
  return minutes;
}
