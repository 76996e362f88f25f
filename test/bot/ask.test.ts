import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import {
  conversations,
  createConversation,
  type ConversationData,
  type VersionedStateStorage,
} from '@grammyjs/conversations';
import { ask, type Dialog } from '../../scenes/support/ask.js';
import type { BotContext, DialogContext } from '../../src/context.js';
import { createI18n } from '../../src/i18n.js';
import { validateText } from '../../src/domain/text.js';

/**
 * The dialog helper under real grammY and conversations: updates go through `bot.handleUpdate`,
 * outgoing calls are captured by an API transformer (no network). Dialogs are keyed by chat and user.
 */
function harness() {
  const sent: { chat_id: number; text: string; reply_markup?: unknown }[] = [];
  let nextId = 1000;
  // Every Bot API call (also those made inside conversations) goes through this fetch: no network.
  const fakeFetch = async (url: string | URL | Request, init?: RequestInit) => {
    const method = String(url).split('/').at(-1);
    const p = JSON.parse(String(init?.body ?? '{}')) as {
      chat_id: number;
      text: string;
      reply_markup?: unknown;
    };
    if (method === 'sendMessage')
      sent.push({ chat_id: p.chat_id, text: p.text, reply_markup: p.reply_markup });
    const result = { message_id: nextId++, date: 0, chat: { id: p.chat_id, type: 'group' }, text: p.text };
    return new Response(JSON.stringify({ ok: true, result }), {
      headers: { 'content-type': 'application/json' },
    });
  };
  const bot = new Bot<BotContext>('1:test', {
    client: { fetch: fakeFetch as typeof fetch },
    botInfo: {
      id: 1,
      is_bot: true,
      first_name: 'Bot',
      username: 'test_bot',
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    },
  });
  const i18n = createI18n(async () => 'zh');
  const store = new Map<string, unknown>();
  const storage: VersionedStateStorage<string, ConversationData> = {
    read: (k) => store.get(k) as never,
    write: (k, v) => void store.set(k, v),
    delete: (k) => void store.delete(k),
  };
  bot.use(i18n);
  bot.use(
    conversations<BotContext, DialogContext>({
      storage: { type: 'key', adapter: storage, getStorageKey: (ctx) => `${ctx.chat?.id}:${ctx.from?.id}` },
      plugins: [i18n],
    }),
  );
  bot.use(
    createConversation(
      async (dialog: Dialog, ctx: DialogContext) => {
        const name = await ask(dialog, ctx, {
          prompt: 'bind-ask-name',
          validate: (t) => validateText('branch-name', t),
        });
        await ctx.reply(`got ${name}`);
      },
      { id: 'name' },
    ),
  );
  bot.command('start_dialog', (ctx) => ctx.conversation.enter('name'));
  bot.command('cancel', (ctx) => ctx.reply(ctx.t('dialog-nothing-to-cancel')));
  bot.command('other', (ctx) => ctx.reply('other ran'));
  let updateId = 1;
  let messageId = 1;
  const GROUP = -100;
  const say = (userId: number, text: string, extra: Record<string, unknown> = {}) =>
    bot.handleUpdate({
      update_id: updateId++,
      message: {
        message_id: messageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: GROUP, type: 'group', title: 'g' },
        from: { id: userId, is_bot: false, first_name: `u${userId}` },
        text,
        ...(text.startsWith('/')
          ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] }
          : {}),
        ...extra,
      },
    } as Update);
  const texts = () => sent.map((m) => m.text);
  return { bot, say, sent, texts, store };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-06-01T00:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('dialogs (scenes/support/ask.ts)', () => {
  it('keeps two users of one group apart: each answer goes to its own dialog', async () => {
    const h = harness();
    await h.say(1, '/start_dialog');
    await h.say(2, '/start_dialog');
    expect(h.sent[0]).toMatchObject({ chat_id: -100, reply_markup: { force_reply: true, selective: true } });
    expect([...h.store.keys()].sort()).toEqual(['-100:1', '-100:2']);
    await h.say(2, '第二党支部');
    await h.say(1, '第一党支部');
    expect(h.texts().filter((t) => t.startsWith('got'))).toEqual(['got 第二党支部', 'got 第一党支部']);
    expect(h.store.size).toBe(0);
  });

  it('explains a bad answer and asks again, without losing the dialog', async () => {
    const h = harness();
    await h.say(1, '/start_dialog');
    await h.say(1, 'x');
    await h.say(1, '第一\n党支部');
    await h.say(1, '第一党支部');
    expect(h.texts().slice(1)).toEqual([
      '支部名称至少需要 2 个字（现在 1 个），请补充后重新输入。',
      '支部名称只能写一行，请去掉换行后重新输入。',
      'got 第一党支部',
    ]);
  });

  it('answers a non-text message with what is needed', async () => {
    const h = harness();
    await h.say(1, '/start_dialog');
    await h.say(1, '', {
      text: undefined,
      sticker: {
        file_id: 's',
        file_unique_id: 's',
        type: 'regular',
        width: 1,
        height: 1,
        is_animated: false,
        is_video: false,
      },
    });
    await h.say(1, '第一党支部');
    expect(h.texts().slice(1)).toEqual(['这里需要文字回复，请重新输入。', 'got 第一党支部']);
  });

  it('/cancel leaves the dialog; another command leaves it and runs', async () => {
    const h = harness();
    await h.say(1, '/start_dialog');
    await h.say(1, '/cancel');
    await h.say(1, '第一党支部');
    expect(h.texts().slice(1)).toEqual(['已取消。']);
    await h.say(1, '/start_dialog');
    await h.say(1, '/other');
    await h.say(1, '第一党支部');
    expect(h.texts().slice(2)).toEqual(['请回复本条消息，输入党支部名称（例如：第一党支部）。', 'other ran']);
    await h.say(1, '/cancel');
    expect(h.texts().at(-1)).toBe('当前没有进行中的操作。');
  });

  it('expires after 30 idle minutes with a short note; an answer in time still counts', async () => {
    const h = harness();
    await h.say(1, '/start_dialog');
    vi.setSystemTime(new Date('2026-06-01T00:29:00Z'));
    await h.say(1, 'x');
    vi.setSystemTime(new Date('2026-06-01T00:59:30Z'));
    await h.say(1, '第一党支部');
    expect(h.texts().slice(1)).toEqual([
      '支部名称至少需要 2 个字（现在 1 个），请补充后重新输入。',
      '操作已超时（30 分钟未回复），请重新开始。',
    ]);
    await h.say(1, '第一党支部');
    expect(h.texts()).toHaveLength(3);
    expect(h.store.size).toBe(0);
  });
});
