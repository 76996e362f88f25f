/**
 * Errors that say a store or Telegram could not be reached (MongoDB, Redis, the Bot API's network),
 * as opposed to a fault of the update or the code. An update that failed with one waits and is
 * handled again when the store is back; it never counts toward being parked as a dead letter.
 * Told apart by name and code, so this file needs neither driver.
 */
const TRANSIENT_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongoTopologyClosedError',
  'MaxRetriesPerRequestError',
  // grammY: the request to the Bot API never got an answer (network), not a refusal.
  'HttpError',
]);
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
const TRANSIENT_MESSAGES = [/buffering timed out/i, /Connection is closed/i, /connection .* closed/i];

/** True when the error (or one it wraps) means "try again later", not "this update is broken". */
export function isTransient(err: unknown, depth = 0): boolean {
  if (depth > 5 || err === null || typeof err !== 'object') return false;
  const e = err as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown; error?: unknown };
  if (typeof e.name === 'string' && TRANSIENT_NAMES.has(e.name)) return true;
  if (typeof e.code === 'string' && TRANSIENT_CODES.has(e.code)) return true;
  if (typeof e.message === 'string' && TRANSIENT_MESSAGES.some((re) => re.test(e.message as string)))
    return true;
  // grammY's BotError keeps the cause in `error`; others in `cause`.
  return isTransient(e.error, depth + 1) || isTransient(e.cause, depth + 1);
}
