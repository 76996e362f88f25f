import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BranchDoc } from '../../src/db/models/branch.js';
import type { MemberRecord } from '../../src/db/models/member.js';
import type { SbChat, SbUser } from '../support/sandbox-client.js';
import { seedMember } from '../support/seed.js';
import { answer, buttonsOf, startWorld, type World } from './world.js';
import { changedDocs, mentions, snapshotStore } from '../support/store-snapshot.js';

/**
 * Anonymity against the stored records (README, "Anonymity"): after anonymous acts through the
 * real bot, everything stored (every collection) and everything the bot logged is read as a
 * curious secretary with a backup would, looking for a link back to the writer.
 */
let w: World;
let alice: SbUser; // secretary
let bob: SbUser; // member the feedback is about
let carol: SbUser; // the masses, seen in the group
let dan: SbUser; // the masses, seen in the group
let sam: SbUser; // a stranger at the window: never in the group
let group: SbChat;
let branch: BranchDoc;
let member: MemberRecord;

beforeAll(async () => {
  w = await startWorld();
  alice = await w.person('Alice', 'alice_a');
  bob = await w.person('鲍勃', 'bob_a');
  carol = await w.person('Carol', 'carol_a');
  dan = await w.person('Dan', 'dan_a');
  sam = await w.person('Sam', 'sam_a');
  group = await w.sb.createGroup({ title: '匿名测试支部群', admins: [alice], members: [bob, carol, dan] });
  await w.sb.nextBotMessage(group);
  await w.sb.send(alice, group, '/bind');
  await answer(w, alice, group, ['匿名测试支部', '市政务服务中心']);
  branch = (await w.models.Branch.findOne({ chatId: group.id }).lean<BranchDoc>())!;
  member = await seedMember(w.models, branch._id, bob.id, { realName: '鲍勃' });
  for (const u of [alice, bob]) {
    await w.sb.start(u);
    await w.sb.nextBotMessage(u);
  }
  // The masses have been seen in the group (their names are known to the bot).
  for (const u of [carol, dan]) await w.sb.send(u, group, '大家好');
}, 90_000);
afterAll(async () => {
  await w?.close();
});

/** Leaves an anonymous complaint through the member's link, as someone at the window would. */
async function complainAnonymously(who: SbUser, text: string) {
  const link = `https://t.me/${w.me.username}?start=fb_${String(branch._id)}-${String(member._id)}`;
  await w.sb.openLink(who, link);
  await w.sb.nextBotMessage(who, { match: /是表扬、建议还是投诉/ });
  for (const reply of ['⚠️ 投诉', '🙈 匿名']) {
    await w.sb.send(who, who, reply);
    await w.sb.nextBotMessage(who);
  }
  await w.sb.send(who, who, text);
  await w.sb.nextBotMessage(who, { match: /已匿名记录/ });
}

describe('anonymous feedback leaves nothing that leads back to the writer', () => {
  it('the only change in the whole store is the entries, which hold no id, time or order of the writer', async () => {
    const before = await snapshotStore(w.models.Feedback.db.db!);
    const writers = [carol, sam, dan];
    for (const [i, who] of writers.entries())
      await complainAnonymously(who, `匿名投诉第${i + 1}条，窗口无人`);
    // A dialog's last answer goes out before its state is deleted.
    await expect.poll(() => w.models.DialogState.countDocuments({})).toBe(0);
    const after = await snapshotStore(w.models.Feedback.db.db!);

    const changes = changedDocs(before, after);
    expect(changes.map((c) => c.collection)).toEqual(['feedbacks', 'feedbacks', 'feedbacks']);
    const day = DateTime.now().setZone('Asia/Shanghai').startOf('day').toJSDate();
    for (const { doc } of changes) {
      expect(doc).toMatchObject({ anonymous: true, kind: 'complaint', memberId: member._id });
      expect(Object.keys(doc).sort()).toEqual(
        ['_id', 'anonymous', 'branchId', 'createdAt', 'kind', 'memberId', 'status', 'text', '__v'].sort(),
      );
      // The day only, the same for all three.
      expect(doc.createdAt).toEqual(day);
      // The id is not an ObjectId made now (its first four bytes would be this second).
      const idTime = (doc._id as { getTimestamp(): Date }).getTimestamp().getTime();
      expect(Math.abs(idTime - Date.now())).toBeGreaterThan(3_600_000);
      for (const who of writers) expect(mentions(doc, who.id)).toBe(false);
    }
    // The stranger, who came by the link alone, is written nowhere.
    expect(mentions(after, sam.id)).toBe(false);
    // Nothing was logged with a writer's id.
    for (const who of writers) expect(w.bot.output()).not.toContain(String(who.id));
  });
});

describe('feedback with no trace in the group', () => {
  it('standing links: the roster board carries the branch’s, a card the member’s (the plate’s), private /feedback points to them', async () => {
    const asked = await w.sb.send(alice, group, '/roster');
    const branchLink = `?start=fb_${String(branch._id)}`;
    const board = await w.sb.waitForMessage(group, (m) =>
      buttonsOf(m).some((b) => b.url?.endsWith(branchLink)),
    );
    // The asker is pointed to the board (one post, edited in place), never left without an answer.
    const pointer = await w.sb.waitForMessage(
      group,
      (m) => m.message_id > asked.message_id && /公示榜/.test(m.text ?? '') && !buttonsOf(m).length,
    );
    // No board yet in this group: it is posted by the sender queue, and the asker told so.
    expect(pointer.text).toBe('📌 公示榜正在发布到本群，稍后请看置顶消息。');
    // Once its id is kept, /roster again points to it (an unchanged board shows no edit).
    await expect
      .poll(async () => (await w.models.Branch.findById(branch._id).lean())?.rosterMessageId, {
        timeout: 15_000,
      })
      .toBe(board.message_id);
    // The bot may not pin in this group: the missing-right notice, queued once the board's id is
    // kept, may come first.
    await w.sb.send(alice, group, '/roster');
    const seen = await w.sb.nextBotMessage(group, { match: /公示榜已是最新/ });
    expect(seen.text).toBe('📌 公示榜已是最新，见置顶消息（本条回复所指）。');
    expect(seen.reply_to_message?.message_id).toBe(board.message_id);
    await w.sb.send(carol, group, '/card @bob_a');
    const card = await w.sb.nextBotMessage(group, { match: /鲍勃/ });
    expect(buttonsOf(card).map((b) => b.url)).toEqual([
      `https://t.me/${w.me.username}?start=mp_${String(branch._id)}-${String(member._id)}`,
    ]);
    // One of the masses asks in private: pointed to the board's button and the plate, not to the group.
    await w.sb.send(dan, dan, '/feedback');
    const hint = (await w.sb.nextBotMessage(dan)).text!;
    expect(hint).toContain('名片墙');
    expect(hint).not.toContain('在支部群里发送 /feedback');
    // A member gets the branch's link as a button.
    await w.sb.send(bob, bob, '/feedback');
    const own = await w.sb.nextBotMessage(bob);
    expect(buttonsOf(own).map((b) => b.url)).toEqual([`https://t.me/${w.me.username}${branchLink}`]);
  });

  it('where the bot may not delete messages, /feedback stays and the answer says so', async () => {
    const said = await w.sb.send(bob, group, '今天人多');
    const cmd = await w.sb.send(carol, group, { text: '/feedback', reply_to_message_id: said.message_id });
    const reply = await w.sb.nextBotMessage(group, { match: /写意见|意见簿/ });
    expect(reply.text).toContain('我没有删除消息的权限');
    expect((await w.sb.messages(group)).some((m) => m.message_id === cmd.message_id)).toBe(true);
  });

  it('where it may, the /feedback command is deleted and the answer names nobody', async () => {
    const g = await w.sb.createGroup({
      title: '可删除消息的支部群',
      admins: [alice],
      members: [bob, carol],
      botAdmin: true,
    });
    await w.sb.nextBotMessage(g);
    await w.sb.send(alice, g, '/bind');
    await answer(w, alice, g, ['第二匿名测试支部', '市政务服务中心']);
    const b2 = (await w.models.Branch.findOne({ chatId: g.id }).lean<BranchDoc>())!;
    const m2 = await seedMember(w.models, b2._id, bob.id, { realName: '鲍勃' });
    const said = await w.sb.send(bob, g, '今天人多');
    const cmd = await w.sb.send(carol, g, { text: '/feedback', reply_to_message_id: said.message_id });
    const reply = await w.sb.nextBotMessage(g, { match: /意见簿/ });
    expect(reply.text).toContain('命令已删除');
    expect(reply.text).not.toContain('鲍勃');
    expect(reply.reply_to_message).toBeUndefined();
    // The link still leads to feedback about the member replied to.
    expect(buttonsOf(reply).map((b) => b.url)).toEqual([
      `https://t.me/${w.me.username}?start=fb_${String(b2._id)}-${String(m2._id)}`,
    ]);
    expect((await w.sb.messages(g)).some((m) => m.message_id === cmd.message_id)).toBe(false);
  });
});
