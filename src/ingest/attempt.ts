import type { Update } from 'grammy/types';

/** Which try of an update the bot is handling, for the error boundary to decide: retry or answer. */
export interface Attempt {
  attempt: number;
  /** No further try follows if this one fails: the update will be parked. */
  last: boolean;
  /**
   * The queue handed this update out before (its holder died, or a store was away meanwhile), so it
   * may have been handled in part or whole. False: no process ever handled it (the replay guard has
   * nothing to look up).
   */
  replayed: boolean;
}

const attempts = new WeakMap<Update, Attempt>();

/** Called by the consumer with the very object it passes to `bot.handleUpdate`. */
export function markAttempt(update: Update, attempt: Attempt): void {
  attempts.set(update, attempt);
}

/** Undefined when the update did not come from the queue (a test calling handleUpdate). */
export function attemptOf(update: Update): Attempt | undefined {
  return attempts.get(update);
}
