import { BotRec, TOKEN_RE } from './bots.js';
import { ChatRec } from './chat.js';
import { ApiError, badRequest, controlError } from './errors.js';
import { EventHub } from './events.js';
import { FileStore } from './files.js';
import { RateLimiter, type RateLimitConfig } from './rate-limit.js';
import { Transcript } from './transcript.js';
import type { TgUser } from './types.js';

export interface UserRec {
  user: TgUser;
  /** Bots this user has started (sent anything in the private chat). */
  started: Set<number>;
  /** Bots this user has blocked. */
  blocked: Set<number>;
}

export interface PendingCallback {
  botId: number;
  chatId: number;
  messageId: number;
  userId: number;
  answered: boolean;
}

const FIRST_USER_ID = 7_000_000_001; // above 2^32, like today's Telegram ids
const FIRST_GROUP_ID = 4_000_000_001; // basic groups: -4xxxxxxxxx
const FIRST_SUPERGROUP_ID = 1_002_000_000_001; // supergroups: -100xxxxxxxxxx

/** Everything the sandbox knows: users, bots, chats, files, plus the event hub and transcript. */
export class SandboxState {
  readonly users = new Map<number, UserRec>();
  readonly bots = new Map<number, BotRec>();
  readonly groups = new Map<number, ChatRec>();
  readonly privates = new Map<string, ChatRec>();
  readonly callbacks = new Map<string, PendingCallback>();
  readonly files = new FileStore();
  readonly events = new EventHub();
  readonly transcript = new Transcript();
  readonly limiter: RateLimiter;
  private nextUser = FIRST_USER_ID;
  private nextGroup = FIRST_GROUP_ID;
  private nextSuper = FIRST_SUPERGROUP_ID;
  private nextCallback = 1;

  constructor(
    rateLimits: RateLimitConfig | null,
    /** Added before every Bot API answer: a server's round trip to Telegram. */
    readonly latencyMs = 0,
  ) {
    this.limiter = new RateLimiter(rateLimits);
  }

  /**
   * A fresh world of users, chats and files. Bots keep their identity, settings, commands and update
   * counter (a running bot keeps polling with its offset, so ids must not start again at 1); their
   * pending updates are dropped.
   */
  reset(): void {
    for (const b of this.bots.values()) b.dropPending();
    this.users.clear();
    this.groups.clear();
    this.privates.clear();
    this.files.clear();
    this.callbacks.clear();
    this.transcript.clear();
    this.limiter.reset();
    this.events.emit('reset', {});
  }

  /** The bot for a token, created on first use. Throws 401 for a token not of Telegram's shape. */
  bot(token: string): BotRec {
    const m = TOKEN_RE.exec(token);
    const id = m ? Number(m[1]) : NaN;
    if (!Number.isSafeInteger(id) || id <= 0) throw new ApiError(401, 'Unauthorized');
    let bot = this.bots.get(id);
    if (bot && bot.token !== token) throw new ApiError(401, 'Unauthorized');
    if (!bot) {
      bot = new BotRec(id, token, (b, update) => {
        this.transcript.add({ kind: 'update', bot: b.id, update });
      });
      this.bots.set(id, bot);
      this.events.emit('bots', { id });
    }
    return bot;
  }

  firstBot(): BotRec | undefined {
    return this.bots.values().next().value;
  }

  botById(id: number | undefined): BotRec {
    const bot = id === undefined ? this.firstBot() : this.bots.get(id);
    if (!bot) throw controlError(404, id === undefined ? 'no bot registered yet' : `unknown bot ${id}`);
    return bot;
  }

  createUser(fields: Omit<TgUser, 'id' | 'is_bot'>): TgUser {
    // A bot's id comes from its token and may fall anywhere: never hand a person the same id.
    while (this.bots.has(this.nextUser) || this.users.has(this.nextUser)) this.nextUser++;
    const user: TgUser = { id: this.nextUser++, is_bot: false, ...fields };
    this.users.set(user.id, { user, started: new Set(), blocked: new Set() });
    this.events.emit('users', { id: user.id });
    return user;
  }

  /** A user or a bot by id. */
  person(id: number): TgUser | undefined {
    return this.users.get(id)?.user ?? this.bots.get(id)?.user;
  }

  newGroupId(): number {
    return -this.nextGroup++;
  }

  newSupergroupId(): number {
    return -this.nextSuper++;
  }

  newCallbackId(): string {
    return `${Date.now().toString(36)}${(this.nextCallback++).toString(36).padStart(6, '0')}`;
  }

  /** The private chat between a user and a bot; it exists implicitly once both are known. */
  privateChat(userId: number, bot: BotRec): ChatRec | undefined {
    const key = `${userId}:${bot.id}`;
    let chat = this.privates.get(key);
    if (chat) return chat;
    const u = this.users.get(userId)?.user;
    if (!u) return undefined;
    chat = new ChatRec(
      { id: u.id, type: 'private', first_name: u.first_name, last_name: u.last_name, username: u.username },
      bot.id,
    );
    for (const k of ['last_name', 'username'] as const) if (chat.chat[k] === undefined) delete chat.chat[k];
    chat.members.set(u.id, { user: u, status: 'member' });
    chat.members.set(bot.id, { user: bot.user, status: 'member' });
    this.privates.set(key, chat);
    return chat;
  }

  /** Any chat by id; private chats need the bot (default: the first bot). */
  chat(id: number, bot?: BotRec): ChatRec | undefined {
    if (id < 0) return this.groups.get(id);
    const b = bot ?? this.firstBot();
    return b ? this.privateChat(id, b) : undefined;
  }

  /** A chat for the control API, or 404. */
  controlChat(id: number, botId?: number): ChatRec {
    const chat = this.chat(id, botId === undefined ? undefined : this.botById(botId));
    if (!chat) throw controlError(404, `chat ${id} not found`);
    return chat;
  }

  user(id: number): UserRec {
    const u = this.users.get(id);
    if (!u) throw controlError(404, `user ${id} not found`);
    return u;
  }
}

export const chatNotFound = (): ApiError => badRequest('chat not found');
