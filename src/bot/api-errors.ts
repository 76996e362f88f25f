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

export { isNotModified } from '../../jobs/api-errors.js';
