import { describe, expect, it } from 'vitest';
import type { Api } from 'grammy';
import pino from 'pino';
import { createAdminCache } from '../../src/bot/admins.js';
import { inDoubtResult } from '../../src/bot/in-doubt.js';
import { createNotifier } from '../../src/bot/notify.js';
import { createRosterBoard } from '../../src/bot/roster-board.js';
import type { Models } from '../../src/db/models/index.js';
import { createI18n } from '../../src/i18n.js';
import { createServices } from '../../src/services/index.js';
import { storeFixture } from '../support/mongo.js';

let models: Models;
storeFixture('rosterboard', (m) => (models = m));

describe('roster board', () => {
  it('a board sent in doubt (a replay after a crash): its made-up id is not kept, nothing pinned, no missing-right notice', async () => {
    const services = createServices({ models, clock: () => new Date() });
    const calls: string[] = [];
    const api = {
      // As the replay guard answers a sendMessage whose request left before a crash.
      sendMessage: async (chat_id: number) => {
        calls.push('sendMessage');
        return inDoubtResult('sendMessage', { chat_id });
      },
      pinChatMessage: async () => void calls.push('pinChatMessage'),
      getChatAdministrators: async () => [
        { status: 'administrator', user: { id: 1, is_bot: true }, can_pin_messages: true },
      ],
      getMe: async () => ({ id: 1 }),
    } as unknown as Api;
    const log = pino({ level: 'silent' });
    const i18n = createI18n(async () => 'zh');
    const queued: unknown[] = [];
    const outbox = {
      send: async (m: unknown) => {
        queued.push(m);
        return true;
      },
    };
    const roster = createRosterBoard({
      services,
      i18n,
      admins: createAdminCache(),
      log,
      botUsername: () => 'model_post_bot',
      notify: createNotifier({ outbox, i18n, services, log }),
    });
    const branch = await services.branches.bind({ chatId: -7101, actorId: 1, name: '甲支部', unit: 'u' });
    await roster(api, branch);
    expect(calls).toEqual(['sendMessage']);
    expect(queued).toEqual([]);
    const after = await services.branches.byId(branch._id.toString());
    expect(after?.rosterMessageId ?? null).toBeNull();
    expect(after?.missingRights ?? []).toEqual([]);
  });
});
