import type { Models } from '../../src/db/models/index.js';
import type { BranchDoc } from '../../src/db/models/branch.js';
import type { MemberRecord } from '../../src/db/models/member.js';
import { createServices } from '../../src/services/index.js';
import { actor } from './actor.js';

/**
 * November 2026 of a branch, lived through the real services on a moved clock: each member
 * proposes a post standard (approved after the comment period) and pledges two items (the secretary approves them; the first member's second item is returned),
 * the first member's first item is done; each member reports two deeds (one verified and linked
 * to a pledge item, one left pending); praise about the first member from `masses` (named) and an
 * anonymous complaint, handled; the secretary's Q4 comment on the first member; the month's round
 * opens, members self-evaluate, and it closes.
 */
export async function liveNovember(
  models: Models,
  branch: BranchDoc,
  members: MemberRecord[],
  masses: number,
): Promise<void> {
  let now = new Date('2026-11-02T02:00:00Z');
  const svc = createServices({ models, clock: () => now });
  const sec = branch.secretaryId;
  const pledged = [];
  const standards = [];
  for (const [i, m] of members.entries()) {
    standards.push(
      await svc.standards.propose(branch, m, `热情接待每一位群众，当日事当日毕，窗口${i + 1}零投诉。`),
    );
    const items = await svc.pledges.submit(branch, m, {
      add: [
        { lead: 'service', text: `每月为群众办实事${i + 1}件`, dueDate: '2027-06-30' },
        { lead: 'study', text: `每周学习理论${i + 2}小时`, dueDate: '2027-03-31' },
      ],
    });
    await svc.pledges.review(branch, actor(sec), String(items[0]!._id), 'approve');
    if (i === 0)
      await svc.pledges.review(branch, actor(sec), String(items[1]!._id), 'return', '请写明学习内容');
    else await svc.pledges.review(branch, actor(sec), String(items[1]!._id), 'approve');
    pledged.push(items);
  }
  now = new Date('2026-11-21T02:00:00Z');
  for (const s of standards) await svc.standards.approve(branch, actor(sec), String(s._id), s.revision);
  for (const [i, m] of members.entries()) {
    const items = pledged[i]!;
    const deed = await svc.deeds.report(branch, m, {
      what: `帮助群众办理业务${i + 1}`,
      date: `2026-11-0${3 + i}`,
      forWhom: '窗口群众',
      peopleHelped: 3 + i,
      pledgeItemId: String(items[0]!._id),
    });
    await svc.deeds.review(branch, actor(sec), String(deed._id), 'verify');
    await svc.deeds.report(branch, m, {
      what: `义务值班${i + 1}`,
      date: '2026-11-20',
      forWhom: '社区',
      peopleHelped: 10,
    });
    if (i === 0) {
      await svc.pledges.claimDone(branch, m.userId, String(items[0]!._id), '已办结');
      await svc.pledges.confirmDone(branch, actor(sec), String(items[0]!._id), 'confirm');
    }
  }
  const first = members[0]!;
  const praise = await svc.feedback.leave(branch, actor(masses, 'masses', false), {
    kind: 'praise',
    text: '办事热情周到',
    anonymous: false,
    memberId: String(first._id),
  });
  const complaint = await svc.feedback.leave(branch, actor(masses, 'masses', false), {
    kind: 'complaint',
    text: '窗口排队时间长',
    anonymous: true,
  });
  await svc.feedback.handle(branch, actor(sec), String(praise._id), '已转达本人');
  await svc.feedback.handle(branch, actor(sec), String(complaint._id), '已增开窗口', true);
  now = new Date('2026-11-28T01:00:00Z');
  await svc.ratings.open(branch._id, '2026-11', { asOf: now });
  for (const [i, m] of members.entries())
    await svc.ratingScores.selfEvaluate(branch._id, '2026-11', m.userId, {
      political: 25,
      performance: 24 - i,
      service: 23,
      exemplary: 25,
    });
  now = new Date('2026-12-01T01:00:00Z');
  await svc.commentary.write(branch._id, actor(sec), String(first._id), '服务意识强，学习还需加强。');
  await svc.ratings.close(branch._id, '2026-11', { asOf: now });
}
