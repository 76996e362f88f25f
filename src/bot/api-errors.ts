import { GrammyError } from 'grammy';

/**
 * For a Bot API call whose refusal is an answer: Telegram's 400 (bad request: no such user, a
 * photo it will not take) or 403 (the bot is no longer in the chat) gives `fallback`; anything
 * else (network, 5xx, 429 after the retries) is an error and is thrown on.
 */
export const refusedAs =
  <T>(fallback: T) =>
  (err: unknown): T => {
    if (err instanceof GrammyError && (err.error_code === 400 || err.error_code === 403)) return fallback;
    throw err;
  };

/** Telegram's 400 for an edit that would leave the message as it is: nothing to change, not a failure. */
export const isNotModified = (err: unknown): boolean =>
  err instanceof GrammyError && err.error_code === 400 && err.description.includes('message is not modified');
