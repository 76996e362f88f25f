import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { BotContext } from '../../src/context.js';
import { seenUsers } from '../../src/bot/seen-users.js';
import type { Models } from '../../src/db/models/index.js';
import { createUserService, type UserService } from '../../src/services/user-service.js';
import { storeFixture } from '../support/mongo.js';

let models: Models;
storeFixture('seen', (m) => (models = m), false);

/** Runs the middleware for an update from `from`; says whether the next handler ran. */
async function pass(
  mw: ReturnType<typeof seenUsers>,
  from: BotContext['from'],
  chatType: 'group' | 'supergroup' | 'private' = 'group',
) {
  let next = false;
  await mw(
    { from, chat: { id: chatType === 'private' ? (from?.id ?? 1) : -1, type: chatType } } as BotContext,
    async () => {
      next = true;
    },
  );
  return next;
}

describe('seenUsers: every person the bot sees, with their Telegram language as last seen', () => {
  it('records a group-only person, writes again only when something changed', async () => {
    const real = createUserService({ models });
    let writes = 0;
    const users: UserService = {
      ...real,
      remember: async (u) => {
        writes++;
        return real.remember(u);
      },
    };
    const mw = seenUsers(users, pino({ level: 'silent' }));
    const ann = { id: 501, is_bot: false, first_name: 'Ann', language_code: 'en-GB' };
    expect(await pass(mw, ann)).toBe(true);
    expect(await real.localeOf(501)).toBe('en');
    expect(await pass(mw, ann)).toBe(true);
    expect(writes).toBe(1);
    // Telegram switched to Chinese: recorded, and the rule follows it.
    await pass(mw, { ...ann, language_code: 'zh-hans' });
    expect(writes).toBe(2);
    expect((await models.UserPref.findById(501).lean())?.telegramLanguage).toBe('zh-hans');
    expect(await real.localeOf(501, { branch: 'en' })).toBe('zh');
    // Bots and updates without a sender are not people.
    expect(await pass(mw, { id: 502, is_bot: true, first_name: 'Bot' })).toBe(true);
    expect(await pass(mw, undefined)).toBe(true);
    expect(writes).toBe(2);
    expect(await models.UserPref.findById(502).lean()).toBeNull();
  });

  it('writes nothing for a private chat, where anonymous entries are written', async () => {
    const users = createUserService({ models });
    const mw = seenUsers(users, pino({ level: 'silent' }));
    const stranger = { id: 504, is_bot: false, first_name: 'Sam', language_code: 'en' };
    expect(await pass(mw, stranger, 'private')).toBe(true);
    expect(await models.UserPref.findById(504).lean()).toBeNull();
    await pass(mw, stranger, 'supergroup');
    expect((await models.UserPref.findById(504).lean())?.telegramLanguage).toBe('en');
  });

  it('a failed write does not stop the update, and is tried again next time', async () => {
    const real = createUserService({ models });
    let fail = true;
    const users: UserService = {
      ...real,
      remember: async (u) => {
        if (fail) throw new Error('store down');
        return real.remember(u);
      },
    };
    const mw = seenUsers(users, pino({ level: 'silent' }));
    const bob = { id: 503, is_bot: false, first_name: 'Bob', language_code: 'en' };
    expect(await pass(mw, bob)).toBe(true);
    expect(await models.UserPref.findById(503).lean()).toBeNull();
    fail = false;
    await pass(mw, bob);
    expect((await models.UserPref.findById(503).lean())?.telegramLanguage).toBe('en');
  });
});
