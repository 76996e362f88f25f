import type { ChatType, InlineKeyboard, MemberStatus, TgChat, TgMessage, TgUser } from './types.js';

export interface AdminRights {
  can_manage_chat: boolean;
  can_delete_messages: boolean;
  can_restrict_members: boolean;
  can_promote_members: boolean;
  can_change_info: boolean;
  can_invite_users: boolean;
  can_pin_messages: boolean;
  [k: string]: boolean;
}

export const FULL_RIGHTS: AdminRights = {
  can_manage_chat: true,
  can_delete_messages: true,
  can_manage_video_chats: true,
  can_restrict_members: true,
  can_promote_members: false,
  can_change_info: true,
  can_invite_users: true,
  can_post_stories: false,
  can_edit_stories: false,
  can_delete_stories: false,
  can_pin_messages: true,
  can_manage_topics: false,
};

export interface Member {
  user: TgUser;
  status: MemberStatus;
  rights?: AdminRights;
}

/** What a chat's page shows beside the messages. */
export interface CallbackAnswer {
  callback_query_id: string;
  message_id: number;
  user_id: number;
  text?: string;
  show_alert: boolean;
  url?: string;
  date: number;
}

export interface ForceReplyPrompt {
  message_id: number;
  selective: boolean;
  /** With `selective`: the users the prompt is for. */
  user_ids: number[];
}

/** One chat: a group, a supergroup, or the private chat between one user and one bot. */
export class ChatRec {
  readonly members = new Map<number, Member>();
  readonly messages = new Map<number, TgMessage>();
  readonly deleted = new Set<number>();
  pinned: number[] = [];
  replyKeyboard: unknown = null;
  /** The latest force_reply prompt: Telegram clients open a reply to it for the users it targets. */
  forceReply: ForceReplyPrompt | null = null;
  answers: CallbackAnswer[] = [];
  migratedTo?: number;
  private nextMessageId = 1;

  constructor(
    readonly chat: TgChat,
    /** For private chats: the bot on the other side. */
    readonly botId?: number,
  ) {}

  get id(): number {
    return this.chat.id;
  }

  get type(): ChatType {
    return this.chat.type;
  }

  get isGroup(): boolean {
    return this.chat.type !== 'private';
  }

  /** Stores a new message with the next id; `fields` are everything but id, chat and date. */
  add(fields: Omit<TgMessage, 'message_id' | 'chat' | 'date'>): TgMessage {
    // keep the wire order Telegram uses: id, from, chat, date, then content
    const { from, ...content } = fields as Record<string, unknown>;
    const head = { message_id: this.nextMessageId++, ...(from ? { from } : {}) };
    const msg = { ...head, chat: this.chat, date: Math.floor(Date.now() / 1000), ...content } as TgMessage;
    this.messages.set(msg.message_id, msg);
    return msg;
  }

  /** A live (not deleted) message. */
  get(id: number): TgMessage | undefined {
    return this.deleted.has(id) ? undefined : this.messages.get(id);
  }

  remove(id: number): void {
    this.deleted.add(id);
    this.messages.delete(id);
    this.pinned = this.pinned.filter((p) => p !== id);
  }

  status(userId: number): MemberStatus {
    return this.members.get(userId)?.status ?? 'left';
  }

  isPresent(userId: number): boolean {
    const s = this.status(userId);
    return s === 'creator' || s === 'administrator' || s === 'member';
  }

  isAdmin(userId: number): boolean {
    const s = this.status(userId);
    return s === 'creator' || s === 'administrator';
  }

  can(userId: number, right: keyof AdminRights): boolean {
    const m = this.members.get(userId);
    return m?.status === 'creator' || (m?.status === 'administrator' && m.rights?.[right] === true);
  }

  history(): TgMessage[] {
    return [...this.messages.values()];
  }

  inlineKeyboard(messageId: number): InlineKeyboard | undefined {
    return this.get(messageId)?.reply_markup;
  }
}
