import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxClient, SbUser } from '../support/sandbox-client.js';
import { setup, type RawBot } from './helpers.js';

type Upd = {
  update_id: number;
  message?: { text?: string };
  chat_member?: unknown;
  my_chat_member?: unknown;
};

describe('getUpdates', () => {
  let sb: SandboxClient;
  let bot: RawBot;
  let ann: SbUser;

  beforeEach(async () => {
    ({ sb, bot } = await setup());
    ann = await sb.createUser({ first_name: 'Ann' });
  });
  afterEach(() => sb.close());

  const say = (n: number) => Promise.all(Array.from({ length: n }, (_, i) => sb.send(ann, ann, `m${i}`)));

  it('keeps updates until confirmed by an offset past them', async () => {
    await say(3);
    const first = await bot.ok<Upd[]>('getUpdates');
    expect(first.map((u) => u.message?.text).sort()).toEqual(['m0', 'm1', 'm2']);
    const again = await bot.ok<Upd[]>('getUpdates');
    expect(again.map((u) => u.update_id)).toEqual(first.map((u) => u.update_id));
    const ids = first.map((u) => u.update_id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const rest = await bot.ok<Upd[]>('getUpdates', { offset: ids[1] });
    expect(rest.map((u) => u.update_id)).toEqual(ids.slice(1));
    expect(await bot.ok<Upd[]>('getUpdates', { offset: ids[2]! + 1 })).toEqual([]);
  });

  it('honours limit 1–100', async () => {
    await say(5);
    expect(await bot.ok<Upd[]>('getUpdates', { limit: 2 })).toHaveLength(2);
    expect(await bot.ok<Upd[]>('getUpdates', { limit: 0 })).toHaveLength(1);
    expect(await bot.ok<Upd[]>('getUpdates', { limit: 1000 })).toHaveLength(5);
  });

  it('waits up to timeout seconds and returns as soon as an update arrives', async () => {
    const t0 = Date.now();
    expect(await bot.ok<Upd[]>('getUpdates', { timeout: 1 })).toEqual([]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    const poll = bot.ok<Upd[]>('getUpdates', { timeout: 20 });
    await new Promise((r) => setTimeout(r, 100));
    await sb.send(ann, ann, 'wake');
    const got = await poll;
    expect(got.map((u) => u.message?.text)).toEqual(['wake']);
  });

  it('answers 409 when a second poller comes while one is waiting (the waiting one is terminated, as on Telegram)', async () => {
    const first = bot.call<Upd[]>('getUpdates', { timeout: 5 });
    await new Promise((r) => setTimeout(r, 100));
    const second = bot.call<Upd[]>('getUpdates', { timeout: 5 });
    const a = await first;
    expect(a.status).toBe(409);
    expect(a.body).toMatchObject({ ok: false, error_code: 409 });
    expect(a.body.description).toBe(
      'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    );
    await sb.send(ann, ann, 'go');
    expect((await second).body.result?.map((u) => u.message?.text)).toEqual(['go']);
  });

  it('filters by allowed_updates, which persists when omitted; chat_member is opt-in', async () => {
    const bob = await sb.createUser({ first_name: 'Bob' });
    const group = await sb.createGroup({ admins: [ann], botAdmin: true });
    await bot.drain();
    await sb.member(group, bob, 'join');
    const byDefault = await bot.drain<Upd>();
    expect(byDefault.some((u) => u.chat_member)).toBe(false);
    expect(byDefault.some((u) => u.message)).toBe(true);

    await bot.ok('getUpdates', { allowed_updates: ['chat_member'] });
    await sb.member(group, bob, 'leave');
    await sb.send(ann, ann, 'ignored');
    const onlyMembers = await bot.drain<Upd>();
    expect(onlyMembers.length).toBe(1);
    expect(onlyMembers[0]!.chat_member).toMatchObject({
      old_chat_member: { status: 'member' },
      new_chat_member: { status: 'left', user: { id: bob.id } },
    });

    await bot.ok('getUpdates', { allowed_updates: [] });
    await sb.send(ann, ann, 'again');
    expect((await bot.drain<Upd>()).map((u) => u.message?.text)).toEqual(['again']);
  });

  it('drops pending updates with deleteWebhook drop_pending_updates', async () => {
    await say(2);
    expect(await bot.ok('deleteWebhook', { drop_pending_updates: true })).toBe(true);
    expect(await bot.ok<Upd[]>('getUpdates')).toEqual([]);
  });
});
