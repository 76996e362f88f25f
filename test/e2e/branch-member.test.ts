import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SbChat, SbUser } from '../support/sandbox-client.js';
import { answer, buttonsOf, startWorld, type World } from './world.js';

let w: World;
let alice: SbUser; // group admin who binds: the secretary
let bob: SbUser; // registers as a member
let carol: SbUser; // the masses
let group: SbChat;
beforeAll(async () => {
  w = await startWorld();
  alice = await w.person('Alice', 'alice_sec');
  bob = await w.person('Bob', 'bob_m');
  carol = await w.person('Carol', 'carol_q');
  group = await w.sb.createGroup({ title: '第一党支部群', admins: [alice], members: [bob, carol] });
}, 60_000);
afterAll(() => w?.close());

describe('branch, roles and members through the real bot', () => {
  it('introduces itself, refuses /bind from a non-admin, and binds through a dialog that re-asks bad input', async () => {
    const hello = await w.sb.nextBotMessage(group);
    expect(hello.text).toContain('/bind');
    await w.sb.send(bob, group, '/bind');
    expect((await w.sb.nextBotMessage(group)).text).toBe('只有群管理员可以这样做。');
    await w.sb.send(alice, group, '/bind');
    const done = await answer(w, alice, group, ['x', '第一党支部', '市政务服务中心']);
    const texts = (await w.sb.messages(group)).map((m) => m.text ?? '');
    expect(texts.some((t) => t.startsWith('支部名称至少需要 2 个字'))).toBe(true);
    expect(done.text).toContain('本群已绑定到 第一党支部（市政务服务中心）');
    const branch = await w.models.Branch.findOne({ chatId: group.id }).lean();
    expect(branch).toMatchObject({
      name: '第一党支部',
      unit: '市政务服务中心',
      secretaryId: alice.id,
      active: true,
    });
    expect(await w.models.Audit.countDocuments({ action: 'branch.bind', actorId: alice.id })).toBe(1);
  });
});
