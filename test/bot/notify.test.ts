import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createNotifier } from '../../src/bot/notify.js';
import { createI18n } from '../../src/i18n.js';
import type { AppServices } from '../../src/services/index.js';

const notifier = () =>
  createNotifier({
    outbox: { send: () => Promise.resolve(true) },
    i18n: createI18n(() => Promise.resolve('zh')),
    services: {} as AppServices,
    log: pino({ level: 'silent' }),
  });

/** The event keys one handling of update `id` produces, in order. */
async function keysOf(n: ReturnType<typeof notifier>, id: number) {
  const keys: string[] = [];
  await n.middleware({ update: { update_id: id } }, () => {
    keys.push(n.eventKey('pledge-submitted', 'm1'), n.eventKey('pledge-returned', 'm1'));
    return Promise.resolve();
  });
  return keys;
}

describe('notify.eventKey', () => {
  it('gives an update handled again the same keys, and another update other keys', async () => {
    const n = notifier();
    const first = await keysOf(n, 41);
    expect(first).toEqual(['pledge-submitted:m1:u41.0', 'pledge-returned:m1:u41.1']);
    expect(await keysOf(n, 41)).toEqual(first);
    expect(await keysOf(n, 42)).toEqual(['pledge-submitted:m1:u42.0', 'pledge-returned:m1:u42.1']);
  });

  it('outside an update, each key is new', () => {
    const n = notifier();
    expect(n.eventKey('k', 'r')).not.toEqual(n.eventKey('k', 'r'));
  });
});

describe('notify.toChat', () => {
  it('queues a post to a chat in the given language under its key, plain text when asked', async () => {
    const sent: unknown[] = [];
    const n = createNotifier({
      outbox: { send: (m) => (sent.push(m), Promise.resolve(true)) },
      i18n: createI18n(() => Promise.resolve('zh')),
      services: {} as AppServices,
      log: pino({ level: 'silent' }),
    });
    await n.toChat(-100123, 'en', 'group-upgraded:-123', (t) => t('group-upgraded'), { html: false });
    await n.toChat(-100123, 'zh', 'group-upgraded:-124', (t) => t('group-upgraded'));
    expect(sent).toEqual([
      { key: 'group-upgraded:-123', chatId: -100123, text: expect.stringMatching(/supergroup/i) },
      { key: 'group-upgraded:-124', chatId: -100123, text: expect.stringContaining('超级群'), html: true },
    ]);
  });
});
