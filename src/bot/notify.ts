import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Outbox } from '../../jobs/outbox.js';
import type { AppServices } from '../services/index.js';
import type { Branch } from '../services/branch-service.js';
import type { OutButton, SentRef } from '../services/notice.js';
import { branchLocale, type T } from './branch-t.js';
import type { Locale, Translator } from '../i18n.js';
import { escapeHtml } from './views/html.js';

/** Translate function in the reader's language (src/domain/locale.ts), the branch's as last resort. */
export async function tFor(
  i18n: Translator,
  services: AppServices,
  userId: number,
  branch: Branch,
): Promise<T> {
  const locale = await services.users.localeOf(userId, { branch: branchLocale(branch) });
  return (key, params) => i18n.t(locale, key, params);
}

/** Builds a message's text in its reader's language (`locale` for dates and month names). */
export type Build = (t: T, locale: Locale) => string;

/** How a message is shown: HTML (the default, as every post escapes its values) and buttons. */
export interface NoticeOptions {
  html?: boolean;
  /** Buttons, built in the reader's language like the text. */
  buttons?: (t: T) => OutButton[][];
  /** A post edited later: the worker keeps its message id on this record once it is sent. */
  keep?: SentRef;
}

/**
 * The notify port: every message the bot sends to someone other than the person acting (a group
 * post, a direct message to a member or the secretary) goes through the sender queue
 * (jobs/outbox.ts, sent by jobs/processors/send.ts in the worker) under Telegram's limits. `key` is
 * the message's natural key (what, which record, which state): produced twice, it is sent once.
 * The text is built in the reader's language: the branch's for the group, the user's own in private.
 */
export function createNotifier(deps: {
  outbox: Pick<Outbox, 'send'>;
  i18n: Translator;
  services: AppServices;
  log: Logger;
}) {
  const { outbox, i18n, services, log } = deps;
  const updates = new AsyncLocalStorage<{ updateId: number; notices: number }>();
  async function queue(msg: Parameters<Outbox['send']>[0]): Promise<boolean> {
    const queued = await outbox.send(msg);
    if (!queued) log.info({ key: msg.key }, 'notice already sent: not queued again');
    return queued;
  }
  const inLocale =
    (locale: Locale): T =>
    (key, params) =>
      i18n.t(locale, key, params);
  const localeOf = (userId: number, branch: Branch) =>
    services.users.localeOf(userId, { branch: branchLocale(branch) });
  const shown = (opts: NoticeOptions, t: T) => ({
    ...(opts.html !== false && { html: true }),
    ...(opts.buttons && { buttons: opts.buttons(t) }),
    ...(opts.keep && { keep: opts.keep }),
  });
  return {
    /** Middleware: the notices of an update are numbered in order, for `eventKey`. */
    async middleware(ctx: { update: { update_id: number } }, next: () => Promise<void>) {
      await updates.run({ updateId: ctx.update.update_id, notices: 0 }, next);
    },
    /**
     * The key of a message about an event with no natural key of its own (a submission, a new
     * comment): the update that caused it and the notice's number in it, so an update handled
     * again after a crash (src/bot/replay-guard.ts) queues the same keys and nothing twice.
     */
    eventKey(kind: string, recordId: string): string {
      const u = updates.getStore();
      return u ? `${kind}:${recordId}:u${u.updateId}.${u.notices++}` : `${kind}:${recordId}:${randomUUID()}`;
    },
    /** A post in the branch's group, in the branch's language; false when `key` was sent already. */
    async toGroup(branch: Branch, key: string, build: Build, opts: NoticeOptions = {}): Promise<boolean> {
      const locale = branchLocale(branch);
      const t = inLocale(locale);
      return queue({ key, chatId: branch.chatId, text: build(t, locale), ...shown(opts, t) });
    },
    /**
     * A post in a group that may have no branch bound (a group upgraded to a supergroup in the
     * middle of /bind), in `locale`; a group with a branch gets `toGroup`.
     */
    async toChat(chatId: number, locale: Locale, key: string, build: Build, opts: NoticeOptions = {}) {
      const t = inLocale(locale);
      await queue({ key, chatId, text: build(t, locale), ...shown(opts, t) });
    },
    /** A direct message to a user about something of `branch`, in the user's language. */
    async toUser(branch: Branch, userId: number, key: string, build: Build, opts: NoticeOptions = {}) {
      const locale = await localeOf(userId, branch);
      const t = inLocale(locale);
      await queue({ key, chatId: userId, text: build(t, locale), ...shown(opts, t) });
    },
    /**
     * Tells a member the outcome of something they submitted, in a direct message. When the bot
     * cannot write to them (they never opened the private chat, or blocked it) the sender posts
     * it in the group instead, naming them, so the outcome is never silently lost; with
     * `groupFallback: false` (a message only for them) it is logged and dropped.
     */
    async toMember(
      branch: Branch,
      member: { userId: number; realName: string },
      key: string,
      build: Build,
      opts: { groupFallback?: boolean } = {},
    ) {
      const locale = await localeOf(member.userId, branch);
      const groupLocale = branchLocale(branch);
      const gt = inLocale(groupLocale);
      const fallback = {
        chatId: branch.chatId,
        text: gt('addressed-to', { name: escapeHtml(member.realName), text: build(gt, groupLocale) }),
        html: true,
      };
      await queue({
        key,
        chatId: member.userId,
        text: build(inLocale(locale), locale),
        html: true,
        ...(opts.groupFallback !== false && { fallback }),
      });
    },
  };
}
export type Notifier = ReturnType<typeof createNotifier>;
