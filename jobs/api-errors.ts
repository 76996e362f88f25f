import { GrammyError } from 'grammy';

/** Telegram's 400 for an edit that would leave the message as it is: nothing to change, not a failure. */
export const isNotModified = (err: unknown): boolean =>
  err instanceof GrammyError && err.error_code === 400 && err.description.includes('message is not modified');
