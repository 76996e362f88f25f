import { GrammyError, type BotError } from 'grammy';
import type { Logger } from 'pino';
import { DomainError } from '../domain/errors.js';
import { ServiceError } from '../services/errors.js';
import type { BotContext } from '../context.js';

/** A refusal the user should read in their language. */
export function isUserFacing(err: unknown): err is DomainError | ServiceError {
  return err instanceof DomainError || err instanceof ServiceError;
}

/** Replies with the localized sentence for a refusal. */
export async function replyRefusal(ctx: BotContext, err: DomainError | ServiceError): Promise<void> {
  const text = ctx.t(err.key, { ...err.params });
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
  else await ctx.reply(text, ctx.msg ? { reply_parameters: { message_id: ctx.msg.message_id } } : {});
}

/** The last line of defence: user mistakes get a sentence, everything else a log line with the update id. */
export function errorBoundary(log: Logger) {
  return async (err: BotError<BotContext>) => {
    const { ctx, error } = err;
    if (isUserFacing(error)) {
      await replyRefusal(ctx, error).catch((e: unknown) => log.warn({ err: e }, 'could not send refusal'));
      return;
    }
    const details = error instanceof GrammyError ? { method: error.method, code: error.error_code } : {};
    log.error({ err: error, updateId: ctx.update.update_id, ...details }, 'update failed');
    await ctx.reply(ctx.t('error-internal')).catch(() => undefined);
  };
}
