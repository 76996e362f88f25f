import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Update } from 'grammy/types';

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

function sameSecret(given: unknown, secret: Buffer): boolean {
  if (typeof given !== 'string') return false;
  const g = Buffer.from(given);
  return g.length === secret.length && timingSafeEqual(g, secret);
}

/**
 * Telegram's POST of an update: refused (401) without the secret given to setWebhook; answered 200
 * only once the update is queued in Redis (or was queued before: a redelivery), 503 when Redis is
 * away, so Telegram sends it again. Handling happens later, in whichever replica claims the chat.
 */
export function webhookRoute(opts: {
  path: string;
  secret: string;
  enqueue: (update: Update) => Promise<boolean>;
  log: Logger;
  onReceived?: (queued: boolean) => void;
}) {
  const secret = Buffer.from(opts.secret);
  return (app: FastifyInstance) => {
    app.post(opts.path, async (req, reply) => {
      if (!sameSecret(req.headers[SECRET_HEADER], secret)) return reply.code(401).send({ ok: false });
      const update = req.body as Update | undefined;
      if (!update || typeof update.update_id !== 'number') return reply.code(400).send({ ok: false });
      try {
        opts.onReceived?.(await opts.enqueue(update));
      } catch (err) {
        opts.log.warn({ err, updateId: update.update_id }, 'webhook: could not queue the update');
        return reply.code(503).send({ ok: false });
      }
      return reply.code(200).send({ ok: true });
    });
  };
}
