import { ApiError } from './errors.js';
import type { BotCommand, TgUser, Update } from './types.js';
import { WebhookDelivery, type WebhookConfig } from './webhook.js';

export const TOKEN_RE = /^(\d{1,16}):[A-Za-z0-9_-]{30,}$/;

/** Update types a bot gets when `allowed_updates` is empty or was never given. */
const OPT_IN = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);
const MAX_QUEUE = 100_000;
const RECENT = 10_000;

interface Poller {
  wake: () => void;
  terminate: () => void;
}

const CONFLICT =
  'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running';

/** One bot known to the sandbox: its user, settings, and its own update queue. */
export class BotRec {
  readonly user: TgUser;
  privacy = true;
  allowedUpdates: string[] = [];
  /** Set by setWebhook: updates then go out by POST and getUpdates answers 409. */
  webhook: WebhookDelivery | null = null;
  readonly commands = new Map<string, BotCommand[]>();
  readonly texts = new Map<string, string>();
  private queue: Update[] = [];
  /** Updates made lately, by id, so one can be sent again (`redeliver`). */
  private readonly recent = new Map<number, Update>();
  private nextUpdateId = 1;
  private poller: Poller | null = null;

  constructor(
    readonly id: number,
    readonly token: string,
    private readonly onUpdate: (bot: BotRec, update: Update) => void,
  ) {
    this.user = { id, is_bot: true, first_name: `Sandbox Bot ${id}`, username: `sandbox_${id}_bot` };
  }

  /** The User object getMe answers (messages and members carry the short `user`). */
  me(): TgUser {
    return {
      ...this.user,
      can_join_groups: true,
      can_read_all_group_messages: !this.privacy,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
    };
  }

  get username(): string {
    return this.user.username!;
  }

  wants(type: string): boolean {
    return this.allowedUpdates.length === 0 ? !OPT_IN.has(type) : this.allowedUpdates.includes(type);
  }

  /** Queue an update of `type` unless the bot's allowed_updates filter it out. */
  enqueue(type: string, payload: unknown): void {
    if (!this.wants(type)) return;
    const update: Update = { update_id: this.nextUpdateId++, [type]: payload };
    this.queue.push(update);
    if (this.queue.length > MAX_QUEUE) this.queue.shift();
    this.recent.set(update.update_id, update);
    if (this.recent.size > RECENT) this.recent.delete(this.recent.keys().next().value!);
    this.onUpdate(this, update);
    this.poller?.wake();
    this.webhook?.pump();
  }

  /**
   * Sends an update again, with its own id, as Telegram does with an update whose receipt was not
   * confirmed (a bot that crashed before its next `offset` or before answering the webhook).
   * Returns false when the update is unknown or still pending.
   */
  redeliver(updateId: number): boolean {
    const update = this.recent.get(updateId);
    if (!update || this.queue.some((u) => u.update_id === updateId)) return false;
    const at = this.queue.findIndex((u) => u.update_id > updateId);
    if (at < 0) this.queue.push(update);
    else this.queue.splice(at, 0, update);
    this.poller?.wake();
    this.webhook?.pump();
    return true;
  }

  /** The id of the latest update carrying message `messageId` of chat `chatId` (sent or edited). */
  updateOfMessage(chatId: number, messageId: number): number | undefined {
    let found: number | undefined;
    for (const u of this.recent.values()) {
      const m = (u.message ?? u.edited_message) as { chat: { id: number }; message_id: number } | undefined;
      if (m && m.chat.id === chatId && m.message_id === messageId) found = u.update_id;
    }
    return found;
  }

  /** setWebhook: replaces any earlier webhook and starts delivering what is pending. */
  setWebhook(config: WebhookConfig): void {
    this.webhook?.close();
    this.poller?.wake();
    this.webhook = new WebhookDelivery(config, {
      updates: () => this.queue,
      confirm: (id) => {
        const i = this.queue.findIndex((u) => u.update_id === id);
        if (i >= 0) this.queue.splice(i, 1);
      },
    });
    this.webhook.pump();
  }

  deleteWebhook(): void {
    this.webhook?.close();
    this.webhook = null;
  }

  pending(): number {
    return this.queue.length;
  }

  /**
   * getUpdates: confirm `offset`, then answer at once or wait up to `timeoutSec` for an update.
   * As on Telegram, a newer request ends a waiting one, which gets 409 "terminated by other getUpdates
   * request": two instances polling at once keep getting 409s, while a client that aborts its poll
   * and polls again at once (grammY's `bot.stop()`) is not refused.
   */
  async poll(
    offset: number | undefined,
    limit: number,
    timeoutSec: number,
    signal: AbortSignal,
  ): Promise<Update[]> {
    this.poller?.terminate();
    if (offset !== undefined) {
      if (offset < 0) this.queue = this.queue.slice(Math.max(0, this.queue.length + offset));
      else this.queue = this.queue.filter((u) => u.update_id >= offset);
    }
    if (this.queue.length === 0 && timeoutSec > 0 && !signal.aborted) {
      await new Promise<void>((resolve, reject) => {
        let finished = false;
        const finish = (err?: ApiError) => {
          if (finished) return;
          finished = true;
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          if (this.poller === me) this.poller = null;
          if (err) reject(err);
          else resolve();
        };
        const done = () => finish();
        const timer = setTimeout(done, timeoutSec * 1000);
        signal.addEventListener('abort', done);
        const me: Poller = {
          wake: () => setImmediate(done),
          terminate: () => finish(new ApiError(409, CONFLICT)),
        };
        this.poller = me;
      });
    }
    return this.queue.slice(0, limit);
  }

  /** Drop pending updates (deleteWebhook/setWebhook with drop_pending_updates). */
  dropPending(): void {
    this.queue = [];
  }

  /** Ends a waiting getUpdates, used when the sandbox closes. */
  release(): void {
    this.poller?.wake();
    this.deleteWebhook();
  }
}
