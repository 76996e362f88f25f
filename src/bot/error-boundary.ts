import { GrammyError, type BotError } from 'grammy';
import type { Logger } from 'pino';
import { DomainError } from '../domain/errors.js';
import { ServiceError } from '../services/errors.js';
import { attemptOf } from '../ingest/attempt.js';
import { isTransient } from '../ingest/transient.js';
import { DEFAULT_LOCALE, type Translator } from '../i18n.js';
import type { BotContext } from '../context.js';

/** A refusal the user should read in their language. */
export function isUserFacing(err: unknown): err is DomainError | ServiceError {
  return err instanceof DomainError || err instanceof ServiceError;
}

/**
 * `ctx.t` exists only once the i18n middleware ran; a failure before it (a store away while the
 * update's user was looked up) still gets a sentence, in the default language.
 */
function translate(ctx: BotContext, i18n: Translator, key: string, params?: Record<string, unknown>) {
  const t = (ctx as Partial<BotContext>).t;
  return typeof t === 'function'
    ? t.call(ctx, key, params as never)
    : i18n.t(DEFAULT_LOCALE, key, params as never);
}

/** Replies with the localized sentence for a refusal. */
export async function replyRefusal(
  ctx: BotContext,
  i18n: Translator,
  err: DomainError | ServiceError,
): Promise<void> {
  const text = translate(ctx, i18n, err.key, { ...err.params });
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
  else await ctx.reply(text, ctx.msg ? { reply_parameters: { message_id: ctx.msg.message_id } } : {});
}

/**
 * The last line of defence: user mistakes get a sentence, everything else a log line with the update
 * id. An update from the queue that failed otherwise is thrown back to the queue to be tried again
 * (a store away: until it is back; a fault: up to the last attempt, which the user is told about and
 * which the queue parks). Nothing of its own escapes: a failed reply is logged.
 */
export function errorBoundary(log: Logger, i18n: Translator) {
  return async (err: BotError<BotContext>) => {
    const { ctx, error } = err;
    const updateId = ctx.update.update_id;
    try {
      if (isUserFacing(error)) return await replyRefusal(ctx, i18n, error);
    } catch (e) {
      log.warn({ err: e, updateId }, 'could not send refusal');
      return;
    }
    const attempt = attemptOf(ctx.update);
    if (attempt && (isTransient(error) || !attempt.last)) throw error;
    const details = error instanceof GrammyError ? { method: error.method, code: error.error_code } : {};
    log.error({ err: error, updateId, ...details }, 'update failed');
    try {
      await ctx.reply(translate(ctx, i18n, 'error-internal'));
    } catch (e) {
      log.warn({ err: e, updateId }, 'could not tell the user about a failure');
    }
    if (attempt) throw error;
  };
}
