/**
 * A typed client for the Telegram sandbox (src/sandbox), so an e2e test reads like a conversation.
 *
 *   const sb = await SandboxClient.start();            // in-process sandbox on a free port
 *   const bot = await startBotProcess({ apiRoot: sb.url });
 *   await sb.useBot(bot.token);                         // registers the bot, makes it the default
 *   const alice = await sb.createUser({ first_name: '张三', language_code: 'zh-hans' });
 *   const bob = await sb.createUser({ first_name: '李四' });
 *   const group = await sb.createGroup({ title: '第一支部', admins: [alice], members: [bob] });
 *   await sb.send(alice, group, '/bind');               // returns the user's message
 *   const reply = await sb.nextBotMessage(group);       // first bot message after what we saw
 *   await sb.pressButton(bob, reply, '确认');            // by button text (or { data: '...' })
 *   await sb.waitForMessage(group, (m) => m.message_id === reply.message_id && /已确认/.test(m.text ?? ''));
 *   const ask = await sb.nextBotMessage(group, { match: /请输入/ });  // skip other bot messages
 *   await sb.answer(bob, group, '我的回答');             // replies to the bot's force_reply prompt
 *   await sb.start(bob);                                // bob sends /start to the bot in private
 *   const dm = await sb.nextBotMessage(bob);            // a user's private chat has the user's id
 *   await sb.close();
 *
 * - Chats are given as a chat object, a user (= their private chat with the bot) or a chat id.
 * - `nextBotMessage` keeps a per-chat cursor: it returns the first bot message newer than every
 *   message this client has sent or returned in that chat, then moves the cursor past it.
 * - `waitForMessage` looks at the chat's history as users see it now (edits applied, deleted gone).
 * - Privacy mode is on, as on Telegram: in a group the bot sees commands, replies to its messages
 *   and service messages; everything only with `botAdmin: true` or `useBot(token, { privacy: false })`.
 *   So answer a bot's question with `reply(...)` or `answer(...)` (force_reply), not a plain send.
 * - Before a user sends /start (or opens a t.me deep link) the bot gets 403 writing to them.
 * - `SandboxClient.start()` turns Telegram's rate limits OFF unless `{ rateLimits: true }`;
 *   `SandboxClient.connect(url)` talks to a sandbox that is already running.
 */
import { writeFile } from 'node:fs/promises';
import type { CallbackAnswer, ForceReplyPrompt } from '../../src/sandbox/chat.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import type { TgUser } from '../../src/sandbox/types.js';

/** A user as the sandbox sends it (the Bot API's User). */
export type SbUser = TgUser;

export interface SbChat {
  id: number;
  type: 'private' | 'group' | 'supergroup';
  title?: string;
  [k: string]: unknown;
}

export interface SbButton {
  text: string;
  callback_data?: string;
  url?: string;
  [k: string]: unknown;
}

export interface SbMessage {
  message_id: number;
  from?: SbUser;
  chat: SbChat;
  date: number;
  edit_date?: number;
  text?: string;
  caption?: string;
  entities?: { type: string; offset: number; length: number; url?: string; user?: SbUser }[];
  reply_markup?: { inline_keyboard: SbButton[][] };
  photo?: { file_id: string; width: number; height: number }[];
  document?: { file_id: string; file_name?: string; mime_type?: string };
  reply_to_message?: SbMessage;
  [k: string]: unknown;
}

/** A bot's answer to a button press, as the chat's history lists it. */
export type SbCallbackAnswer = CallbackAnswer;

export interface SbHistory {
  chat: SbChat & { members: { user: SbUser; status: string }[] };
  messages: SbMessage[];
  pinned_message_id: number | null;
  pinned_message_ids: number[];
  reply_keyboard: { keyboard: { text: string }[][] } | null;
  /** The bot's latest force_reply prompt (selective: only for `user_ids`). */
  force_reply: ForceReplyPrompt | null;
  callback_answers: SbCallbackAnswer[];
}

type Content =
  | string
  | { text?: string; photo?: FileBody; document?: FileBody; caption?: string; reply_to_message_id?: number };

export type ChatRef = number | { id: number };
type UserRef = number | { id: number };
export type FileBody = string | { data: string; file_name?: string; mime_type?: string };

const idOf = (x: ChatRef | UserRef): number => (typeof x === 'number' ? x : x.id);

export class SandboxError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class SandboxClient {
  /** The id of the bot whose private chats `user`-as-chat refers to; set by `useBot`. */
  botId: number | undefined;
  private readonly cursors = new Map<number, number>();
  private readonly answered = new Map<string, number>();

  private constructor(
    readonly url: string,
    private readonly server?: Sandbox,
  ) {}

  /** Starts an in-process sandbox on a free port (rate limits off unless asked for). */
  static async start(opts: SandboxOptions = {}): Promise<SandboxClient> {
    const server = await startSandbox({ port: 0, rateLimits: false, ...opts });
    return new SandboxClient(server.url, server);
  }

  /** Talks to a sandbox that is already running, e.g. `http://127.0.0.1:8081`. */
  static connect(url: string): SandboxClient {
    return new SandboxClient(url.replace(/\/$/, ''));
  }

  /** The Bot API root for grammY (`client.apiRoot`) and for `startBotProcess({ apiRoot })`. */
  get apiRoot(): string {
    return this.url;
  }

  async close(): Promise<void> {
    await this.server?.close();
  }

  async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as T & { error?: string };
    if (!res.ok) throw new SandboxError(res.status, `${method} /sandbox${path}: ${res.status} ${json.error}`);
    return json;
  }

  private botQuery(chat: ChatRef): string {
    return idOf(chat) > 0 && this.botId !== undefined ? `?bot_id=${this.botId}` : '';
  }

  /** Registers a bot by its token (its getMe user) and makes it this client's default bot. */
  async useBot(token: string, opts: { privacy?: boolean } = {}): Promise<SbUser & { privacy: boolean }> {
    const bot = await this.call<SbUser & { privacy: boolean }>('POST', '/bots', { token, ...opts });
    this.botId = bot.id;
    return bot;
  }

  /**
   * Telegram sends the update that carried `message` again, as after a crash before confirming it.
   * Waits (up to 5 s) until the bot has confirmed the first delivery, so the update is sent twice.
   */
  async redeliver(message: SbMessage): Promise<{ update_id: number }> {
    const deadline = Date.now() + 5000;
    for (;;) {
      try {
        return await this.call('POST', `/bots/${this.botId}/redeliver`, {
          chat_id: message.chat.id,
          message_id: message.message_id,
        });
      } catch (err) {
        if (!(err instanceof SandboxError && err.status === 409) || Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  createUser(fields: Omit<SbUser, 'id' | 'is_bot'>): Promise<SbUser> {
    return this.call('POST', '/users', fields);
  }

  /** A group (default) or supergroup with the bot in it; the creator is `creator`, else the first admin. */
  createGroup(opts: {
    title?: string;
    type?: 'group' | 'supergroup';
    members?: UserRef[];
    admins?: UserRef[];
    creator?: UserRef;
    botAdmin?: boolean;
  }): Promise<SbChat> {
    return this.call('POST', '/chats', {
      type: opts.type ?? 'group',
      title: opts.title,
      members: (opts.members ?? []).map(idOf),
      admins: (opts.admins ?? []).map(idOf),
      ...(opts.creator ? { creator: idOf(opts.creator) } : {}),
      bot_admin: opts.botAdmin ?? false,
      ...(this.botId !== undefined ? { bot_id: this.botId } : {}),
    });
  }

  /** Sends a message as `from` into a chat (a user as chat = their private chat with the bot). */
  async send(
    from: UserRef,
    chat: ChatRef,
    content:
      | string
      | {
          text?: string;
          photo?: FileBody;
          document?: FileBody;
          caption?: string;
          reply_to_message_id?: number;
        },
  ): Promise<SbMessage> {
    const body = typeof content === 'string' ? { text: content } : content;
    const msg = await this.call<SbMessage>('POST', `/chats/${idOf(chat)}/messages${this.botQuery(chat)}`, {
      from: idOf(from),
      ...body,
    });
    this.see(msg.chat.id, msg.message_id);
    return msg;
  }

  /** Sends as a reply to `message` (in groups with privacy mode, the bot sees replies to its messages). */
  reply(from: UserRef, message: SbMessage, content: Content): Promise<SbMessage> {
    const body = typeof content === 'string' ? { text: content } : content;
    return this.send(from, message.chat, { ...body, reply_to_message_id: message.message_id });
  }

  /**
   * Types into a chat as a Telegram app would: if the bot's latest force_reply prompt there is for
   * this user (and not answered yet by them through this client), the message replies to it.
   */
  async answer(from: UserRef, chat: ChatRef, content: Content): Promise<SbMessage> {
    const prompt = (await this.history(chat)).force_reply;
    const key = `${idOf(chat)}:${idOf(from)}`;
    const forMe = prompt && (!prompt.selective || prompt.user_ids.includes(idOf(from)));
    if (!forMe || this.answered.get(key) === prompt.message_id) return this.send(from, chat, content);
    this.answered.set(key, prompt.message_id);
    const body = typeof content === 'string' ? { text: content } : content;
    return this.send(from, chat, { ...body, reply_to_message_id: prompt.message_id });
  }

  /** The user edits the text of their message: the bot gets an `edited_message` (privacy mode applies). */
  edit(from: UserRef, message: SbMessage, text: string): Promise<SbMessage> {
    const q = this.botQuery(message.chat);
    return this.call('POST', `/chats/${message.chat.id}/messages/${message.message_id}${q}`, {
      from: idOf(from),
      text,
    });
  }

  /** The user starts the bot in their private chat: `/start` or `/start <payload>`. */
  start(user: UserRef, payload?: string): Promise<SbMessage> {
    return this.send(user, user, payload ? `/start ${payload}` : '/start');
  }

  /** Presses an inline button with callback data; the bot gets a callback_query. */
  press(
    from: UserRef,
    chat: ChatRef,
    messageId: number,
    data: string,
  ): Promise<{ callback_query_id: string }> {
    return this.call('POST', '/callback', {
      from: idOf(from),
      chat_id: idOf(chat),
      message_id: messageId,
      data,
      ...(this.botId !== undefined ? { bot_id: this.botId } : {}),
    });
  }

  /**
   * Presses a button of a bot message found by its text (exact, or a RegExp), or by `{ data }`.
   * A URL button to `https://t.me/<bot>?start=...` opens the private chat and sends /start <payload>.
   */
  async pressButton(
    from: UserRef,
    message: SbMessage,
    button: string | RegExp | { data: string },
  ): Promise<unknown> {
    const buttons = message.reply_markup?.inline_keyboard.flat() ?? [];
    const found = buttons.find((b) =>
      typeof button === 'string'
        ? b.text === button
        : button instanceof RegExp
          ? button.test(b.text)
          : b.callback_data === button.data,
    );
    if (!found) {
      const names = buttons.map((b) => b.text).join(', ');
      const text = (message.text ?? message.caption ?? '').slice(0, 200);
      throw new Error(
        `message ${message.message_id} has no button ${String(button)}; buttons: ${names}; text: ${text}`,
      );
    }
    if (found.callback_data !== undefined)
      return this.press(from, message.chat, message.message_id, found.callback_data);
    if (found.url !== undefined)
      return this.openLink(from, found.url, message.chat.type === 'private' ? undefined : message.chat);
    throw new Error(`button ${found.text} has neither callback_data nor url`);
  }

  /** Opens a t.me link as Telegram would (`?start=` in private; `?startgroup=` adds the bot to `group`). */
  async openLink(from: UserRef, url: string, group?: ChatRef): Promise<{ chat: SbChat; message: SbMessage }> {
    const r = await this.call<{ chat: SbChat; message: SbMessage }>('POST', '/start-link', {
      from: idOf(from),
      url,
      ...(group ? { chat_id: idOf(group) } : {}),
    });
    this.see(r.chat.id, r.message.message_id);
    return r;
  }

  /** The chat's history as its users see it now. */
  history(chat: ChatRef): Promise<SbHistory> {
    return this.call('GET', `/chats/${idOf(chat)}/messages${this.botQuery(chat)}`);
  }

  async messages(chat: ChatRef): Promise<SbMessage[]> {
    return (await this.history(chat)).messages;
  }

  /** Waits until a message in the chat matches; returns it. Looks at the current history (edits applied). */
  async waitForMessage(
    chat: ChatRef,
    predicate: (m: SbMessage) => boolean,
    timeoutMs = 10_000,
  ): Promise<SbMessage> {
    const found = await this.waitFor(
      chat,
      (h) => h.messages.find(predicate),
      timeoutMs,
      'a matching message',
    );
    this.see(idOf(chat), found.message_id);
    return found;
  }

  /**
   * The next message from the bot in the chat after everything this client has sent or seen there;
   * `match` (a RegExp on the text or caption, or a predicate) skips other bot messages, e.g. a
   * greeting that may arrive at the same time.
   */
  nextBotMessage(
    chat: ChatRef,
    opts: { timeoutMs?: number; match?: RegExp | ((m: SbMessage) => boolean) } = {},
  ): Promise<SbMessage> {
    const after = this.cursors.get(idOf(chat)) ?? 0;
    const { match } = opts;
    const ok = (m: SbMessage) =>
      match === undefined ? true : match instanceof RegExp ? match.test(m.text ?? m.caption ?? '') : match(m);
    return this.waitForMessage(
      chat,
      (m) => m.message_id > after && m.from?.is_bot === true && ok(m),
      opts.timeoutMs,
    );
  }

  /** Waits for the bot's answerCallbackQuery to a press (its toast or alert text). */
  async waitForCallbackAnswer(
    chat: ChatRef,
    callbackQueryId: string,
    timeoutMs = 10_000,
  ): Promise<SbCallbackAnswer> {
    return this.waitFor(
      chat,
      (h) => h.callback_answers.find((a) => a.callback_query_id === callbackQueryId),
      timeoutMs,
      `an answer to callback query ${callbackQueryId}`,
    );
  }

  /** Polls the history until `pick` returns something. */
  async waitFor<T>(
    chat: ChatRef,
    pick: (h: SbHistory) => T | undefined,
    timeoutMs = 10_000,
    what = 'a condition',
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: SbHistory | undefined;
    for (;;) {
      last = await this.history(chat);
      const v = pick(last);
      if (v !== undefined) return v;
      if (Date.now() > deadline) {
        const tail = last.messages
          .slice(-8)
          .map(
            (m) =>
              `#${m.message_id} ${m.from?.first_name ?? '?'}: ${m.text ?? m.caption ?? Object.keys(m).at(-1)}`,
          );
        throw new Error(
          `timed out after ${timeoutMs} ms waiting for ${what} in chat ${idOf(chat)}; last messages:\n${tail.join('\n')}`,
        );
      }
      await new Promise((r) => setTimeout(r, 30));
    }
  }

  /** Adds, removes, promotes... a member: the bot gets chat_member / my_chat_member and service messages. */
  member(
    chat: ChatRef,
    user: UserRef,
    action: 'join' | 'add' | 'leave' | 'kick' | 'ban' | 'promote' | 'demote',
    by?: UserRef,
  ): Promise<{ user: SbUser; status: string }[]> {
    return this.call('POST', `/chats/${idOf(chat)}/members`, {
      user_id: idOf(user),
      action,
      ...(by ? { by: idOf(by) } : {}),
    });
  }

  /** The user blocks (or unblocks) the bot: its messages to them then get 403 "bot was blocked by the user". */
  async block(user: UserRef, blocked = true): Promise<void> {
    const q = this.botId !== undefined ? `?bot_id=${this.botId}` : '';
    await this.call('POST', `/users/${idOf(user)}/block${q}`, { blocked });
  }

  /** Upgrades a basic group to a supergroup (new id); returns the new chat. */
  migrate(chat: ChatRef): Promise<SbChat> {
    return this.call('POST', `/chats/${idOf(chat)}/migrate`, {});
  }

  /** Every Bot API call, update and control action so far. */
  transcript(): Promise<unknown[]> {
    return this.call('GET', '/transcript');
  }

  /** Writes the transcript as JSON, e.g. from a failed test's afterEach. */
  async saveTranscript(path: string): Promise<void> {
    await writeFile(path, JSON.stringify(await this.transcript(), null, 2));
  }

  /** Removes every user, chat and file; bots stay registered (a running bot process keeps working). */
  async reset(): Promise<void> {
    await this.call('POST', '/reset', {});
    this.cursors.clear();
    this.answered.clear();
  }

  private see(chatId: number, messageId: number): void {
    if ((this.cursors.get(chatId) ?? 0) < messageId) this.cursors.set(chatId, messageId);
  }
}
