import { describe, expect, it } from 'vitest';
import type { BallotBoxRecord } from '../../src/db/models/ballot-box.js';
import type { SbMessage, SbUser } from '../support/sandbox-client.js';
import { rosterCard, seedBranch, seedMember } from '../support/seed.js';
import { changedDocs, snapshotStore } from '../support/store-snapshot.js';
import { downloadDocument, readWorkbook, rowsOf } from '../support/xlsx.js';
import { startPrivateChats, type World, useWorld } from './world.js';

/**
 * Issue 10 through the real bot and worker: the masses cast their ballots from the round's post in
 * a known order; then everything stored and everything both processes logged is read as a curious
 * secretary with a backup would. The statistics of pairing are in
 * test/services/ballot-anonymity.test.ts; this checks the whole path a ballot takes.
 */
let w: World;

useWorld((world) => (w = world));

/** One ballot of `who` for the member named `choice`: every dimension gets `score`. */
async function castBallot(who: SbUser, post: SbMessage, choice: string, score: number) {
  await w.sb.pressButton(who, post, /匿名测评/);
  await w.sb.nextBotMessage(who, { match: /请选择要评价的党员/ });
  await w.sb.send(who, who, choice);
  await w.sb.nextBotMessage(who, { match: /第 1\/4 项/ });
  for (let i = 0; i < 3; i++) {
    await w.sb.send(who, who, String(score));
    await w.sb.nextBotMessage(who, { match: /项/ });
  }
  await w.sb.send(who, who, String(score));
  await w.sb.nextBotMessage(who, { match: /已匿名记录您对/ });
}

describe('masses ballots through the real bot leave nothing that leads back to the rater', () => {
  it('only the ballot boxes change, no log line names a rater, and no view shows a member’s masses below the minimum', async () => {
    const sec = await w.person('书记');
    const zhang = await w.person('张三');
    const li = await w.person('李四');
    const masses = await Promise.all(['甲', '乙', '丙', '丁', '戊'].map((n) => w.person(`群众${n}`)));
    const group = await w.sb.createGroup({
      title: '测评匿名支部',
      admins: [sec],
      members: [zhang, li, ...masses],
    });
    await startPrivateChats(w, [sec, zhang, li, ...masses]);
    const branch = await seedBranch(w.models, group.id, sec.id, { settings: { massesMinBallots: 3 } });
    for (const [i, u] of [zhang, li].entries())
      await seedMember(w.models, branch._id, u.id, rosterCard(u, i));
    await w.sb.send(sec, group, '/openround');
    const post = await w.sb.nextBotMessage(group, { match: /月度考评开始/ });
    // Everyone has been seen (they pressed nothing yet): the snapshot is taken before any ballot.
    const db = w.models.BallotBox.db.db!;
    const before = await snapshotStore(db);

    // Five ballots for 张三 in a known order, with a score that tells the rater (20 + i); two for 李四.
    for (const [i, who] of masses.entries()) await castBallot(who, post, '张三 · 窗口1', 20 + i);
    for (const who of masses.slice(0, 2)) await castBallot(who, post, '李四 · 窗口2', 10);
    // A dialog's last answer goes out before its state is deleted.
    await expect.poll(() => w.models.DialogState.countDocuments({})).toBe(0);
    const after = await snapshotStore(db);

    const changes = changedDocs(before, after);
    expect(new Set(changes.map((c) => c.collection))).toEqual(new Set(['ballotboxes']));
    const boxes = changes.map((c) => c.doc as unknown as BallotBoxRecord);
    expect(boxes.map((b) => b.entries.length).sort()).toEqual([2, 5]);
    for (const box of boxes) {
      // A ballot is its scores and total; no rater, no time, no id.
      for (const e of box.entries) expect(Object.keys(e).sort()).toEqual(['sheet', 'total']);
      expect(Object.keys(box).sort()).toEqual(['_id', 'entries', 'memberId', 'raters', 'roundId', 'size']);
    }
    // No log line of either process (at `info`, as in production) names a rater.
    for (const who of masses) {
      expect(w.bot.output()).not.toContain(String(who.id));
      expect(w.worker!.output()).not.toContain(String(who.id));
    }
    // No dialog state of a rater is left behind.
    expect(await w.models.DialogState.countDocuments({})).toBe(0);

    // Close the round; 李四 has two ballots, under the minimum of three.
    const round = (await w.models.RatingRound.findOne({ branchId: branch._id }).lean())!;
    await w.closeRoundNow(branch._id);
    await w.sb.nextBotMessage(group, { match: /考评结果公示/, timeoutMs: 30_000 });
    // 张三 sees the masses' average of five; 李四 is told the masses did not count, with no score.
    const liDm = await w.sb.nextBotMessage(li, { match: /考评结果/, timeoutMs: 30_000 });
    expect(liDm.text).toContain('群众测评 — × 0%');
    expect(liDm.text).toContain('群众测评不足 3 票（2 票），其权重计入组织考评。');
    await w.sb.send(li, li, '/why');
    const why = await w.sb.nextBotMessage(li, { match: /考评（公示中）/ });
    expect(why.text).toContain('群众测评不足 3 票（2 票）');
    expect(why.text).not.toContain('平均');

    // The month's export shows 李四's masses cell empty (only the count), 张三's the average.
    await w.sb.send(sec, sec, `/export ${round.month}`);
    const doc = await w.sb.nextBotMessage(sec, { match: (m) => m.document !== undefined, timeoutMs: 60_000 });
    const wb = await readWorkbook(await downloadDocument(w.sb.url, doc));
    const rows = rowsOf(wb.getWorksheet('月度考评')!);
    const header = rows[0]!.map(String);
    const col = (name: string) => header.findIndex((h) => h.includes(name));
    const rowOf = (name: string) => rows.find((r) => r[col('姓名')] === name)!;
    expect(rowOf('李四')[col('群众')]).toBeNull();
    expect(rowOf('李四')[col('票数')]).toBe(2);
    // (20+21+22+23+24)/5 = 22 per dimension, 88 of 100.
    expect(rowOf('张三')[col('群众')]).toBe(88);
    expect(rowOf('张三')[col('票数')]).toBe(5);
  }, 240_000);
});
