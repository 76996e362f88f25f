import { GrammyError, InputFile, type Api } from 'grammy';
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { sentKey, type OutgoingMessage } from '../outbox.js';

/** How long a sent-marker lives: longer than any job could be retried or re-produced. */
const SENT_TTL_S = 40 * 24 * 3600;

const keyboard = (msg: OutgoingMessage) =>
  msg.buttons && {
    inline_keyboard: msg.buttons.map((row) =>
      row.map((b) =>
        b.url ? { text: b.text, url: b.url } : { text: b.text, callback_data: b.callbackData ?? '-' },
      ),
    ),
  };

/**
 * The sender: claims the message's key, delivers it, then marks the key as sent, so a retried or
 * duplicated job never posts twice; after a crash mid-request it prefers at most once. A 429 pauses the whole queue for `retry_after` (BullMQ's rate limiter) and
 * puts the job back without spending an attempt; 400/403 (chat gone, bot blocked, never started)
 * are final and not retried.
 */
export function createSendProcessor(deps: {
  api: Api;
  redis: Redis;
  prefix: string;
  log: Logger;
  renderChart: (spec: NonNullable<OutgoingMessage['chart']>) => Promise<Buffer>;
  worker: () => Worker;
}) {
  return async (job: Job<OutgoingMessage>) => {
    const msg = job.data;
    const sent = sentKey(deps.prefix, msg.key);
    if (await deps.redis.exists(sent)) return 'already-sent';
    // A claim left by an attempt that died mid-request (SIGKILL, power loss): the request most
    // likely reached Telegram, so the message counts as sent rather than risking a duplicate.
    const claim = `${sent}:sending`;
    // Render before claiming, so the claimed window is the request alone.
    const png = msg.chart ? await deps.renderChart(msg.chart) : undefined;
    if ((await deps.redis.set(claim, String(job.id), 'EX', 3600, 'NX')) === null) {
      deps.log.warn({ key: msg.key }, 'an earlier attempt died while sending: not sending again');
      await deps.redis.set(sent, 'in-doubt', 'EX', SENT_TTL_S);
      return 'in-doubt';
    }
    try {
      const reply_markup = keyboard(msg);
      if (png) {
        await deps.api.sendPhoto(msg.chatId, new InputFile(png, 'chart.png'), {
          ...(msg.caption && { caption: msg.caption }),
          ...(reply_markup && { reply_markup }),
        });
      } else {
        await deps.api.sendMessage(msg.chatId, msg.text ?? '', {
          ...(msg.html && { parse_mode: 'HTML' as const }),
          ...(reply_markup && { reply_markup }),
          link_preview_options: { is_disabled: true },
        });
      }
    } catch (err) {
      // A failure we saw is not in doubt: release the claim so the retry sends.
      await deps.redis.del(claim);
      if (err instanceof GrammyError && err.error_code === 429) {
        const wait = (err.parameters.retry_after ?? 1) * 1000;
        deps.log.warn({ chatId: msg.chatId, wait }, 'telegram 429: pausing the sender');
        await deps.worker().rateLimit(wait);
        throw Worker.RateLimitError();
      }
      if (err instanceof GrammyError && (err.error_code === 403 || err.error_code === 400)) {
        deps.log.info({ chatId: msg.chatId, key: msg.key, code: err.error_code }, err.description);
        await deps.redis.set(sent, 'undeliverable', 'EX', SENT_TTL_S);
        return 'undeliverable';
      }
      throw err;
    }
    await deps.redis.set(sent, '1', 'EX', SENT_TTL_S);
    await deps.redis.del(claim);
    return 'sent';
  };
}
