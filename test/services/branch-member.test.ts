import { describe, expect, it } from 'vitest';
import type { Models } from '../../src/db/models/index.js';
import { createBranchService } from '../../src/services/branch-service.js';
import { createMemberService } from '../../src/services/member-service.js';
import { createUserService } from '../../src/services/user-service.js';
import type { MemberCard } from '../../src/domain/member.js';
import { storeFixture } from '../support/mongo.js';
import { actor } from '../support/actor.js';

let models: Models;
const now = new Date('2026-03-01T02:00:00Z');
const clock = () => now;
storeFixture('branch', (m) => (models = m));
const refusal = (key: string) => expect.objectContaining({ key });
const card: MemberCard = {
  realName: '张三',
  post: '综合窗口',
  unit: '一号窗口',
  membership: 'full',
  isLeading: false,
  isElderly: false,
  motto: '群众的事再小也是大事',
};

describe('branch service', () => {
  it('binds a group once, the binder is secretary, and every step is audited', async () => {
    const branches = createBranchService({ models, clock });
    const b = await branches.bind({ chatId: -1001, actorId: 7, name: ' 第一党支部 ', unit: '政务中心' });
    expect(b).toMatchObject({ chatId: -1001, name: '第一党支部', secretaryId: 7, active: true });
    await expect(branches.bind({ chatId: -1001, actorId: 8, name: '别的支部', unit: 'x' })).rejects.toEqual(
      refusal('error-branch-already-bound'),
    );
    await expect(branches.bind({ chatId: -1002, actorId: 8, name: 'x', unit: 'x' })).rejects.toEqual(
      refusal('error-branch-name-too-short'),
    );
    // Two admins at once: exactly one wins through the unique index.
    const race = await Promise.allSettled([
      branches.bind({ chatId: -1003, actorId: 1, name: '甲支部', unit: 'u' }),
      branches.bind({ chatId: -1003, actorId: 2, name: '乙支部', unit: 'u' }),
    ]);
    expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await models.Branch.countDocuments({ chatId: -1003 })).toBe(1);
    const log = await models.Audit.find({ branchId: b._id }).lean();
    expect(log).toEqual([expect.objectContaining({ action: 'branch.bind', actorId: 7 })]);
  });

  it('follows a group to its supergroup, keeps an inactive branch, and rebinds it with its records', async () => {
    const branches = createBranchService({ models, clock });
    const members = createMemberService({ models, clock });
    const b = await branches.bind({ chatId: -2001, actorId: 7, name: '第二党支部', unit: '政务中心' });
    await members.submitCard(b._id, 50, card);
    await branches.migrate(-2001, -100_2001);
    await branches.migrate(-2001, -100_2001); // the second service message changes nothing
    expect(await branches.findByChat(-100_2001)).toMatchObject({ _id: b._id, formerChatIds: [-2001] });
    expect((await branches.findByChat(-2001))?._id).toEqual(b._id);
    await branches.setActive(-100_2001, false);
    await expect(branches.requireActive(-100_2001)).rejects.toEqual(refusal('error-branch-inactive'));
    const again = await branches.bind({ chatId: -100_2001, actorId: 9, name: '第二党支部', unit: '新单位' });
    expect(again).toMatchObject({ _id: b._id, active: true, secretaryId: 9, unit: '新单位' });
    expect(await members.ofUser(b._id, 50)).toMatchObject({ realName: '张三' });
    expect(await models.Audit.countDocuments({ branchId: b._id, action: 'branch.rebind' })).toBe(1);
  });

  it('appoints and removes committee members, refusing nonsense, with audit', async () => {
    const branches = createBranchService({ models, clock });
    let b = await branches.bind({ chatId: -3001, actorId: 7, name: '第三党支部', unit: 'u' });
    await expect(branches.appoint(b, 7, 7)).rejects.toEqual(refusal('error-appoint-self'));
    await branches.appoint(b, 7, 8);
    b = (await branches.findByChat(-3001))!;
    expect(b.committeeIds).toEqual([8]);
    await expect(branches.appoint(b, 7, 8)).rejects.toEqual(refusal('error-appoint-already'));
    await branches.unappoint(b, 7, 8);
    b = (await branches.findByChat(-3001))!;
    expect(b.committeeIds).toEqual([]);
    await expect(branches.unappoint(b, 7, 8)).rejects.toEqual(refusal('error-unappoint-not-committee'));
    const log = await models.Audit.find({ branchId: b._id }).sort({ at: 1, _id: 1 }).lean();
    expect(log.map((a) => a.action)).toEqual(['branch.bind', 'committee.appoint', 'committee.unappoint']);
    expect(log[1]).toMatchObject({ target: '8', before: { committeeIds: [] }, after: { committeeIds: [8] } });
    expect(log[2]).toMatchObject({ before: { committeeIds: [8] }, after: { committeeIds: [] } });
  });

  it('lets another admin take over a branch whose secretary left the admins, once, audited', async () => {
    const branches = createBranchService({ models, clock });
    const b = await branches.bind({ chatId: -3501, actorId: 7, name: '交接支部', unit: 'u' });
    await branches.appoint(b, 7, 8);
    const current = (await branches.findByChat(-3501))!;
    await branches.takeOver(current, 8);
    expect(await branches.findByChat(-3501)).toMatchObject({ secretaryId: 8, committeeIds: [] });
    await expect(branches.takeOver(current, 9)).rejects.toEqual(refusal('error-action-unavailable'));
    expect(await models.Audit.findOne({ branchId: b._id, action: 'branch.takeover' }).lean()).toMatchObject({
      actorId: 8,
      before: { secretaryId: 7, committeeIds: [8] },
      after: { secretaryId: 8, committeeIds: [] },
    });
  });

  it('changes settings one key at a time, keeping the rest on their defaults, audited before/after', async () => {
    const branches = createBranchService({ models, clock });
    let b = await branches.bind({ chatId: -4001, actorId: 7, name: '第四党支部', unit: 'u' });
    expect(branches.settingsOf(b)).toMatchObject({ commentPeriodDays: 3, language: 'zh' });
    await branches.updateSettings(b, actor(7), 'commentPeriodDays', '５');
    b = (await branches.findByChat(-4001))!;
    expect(b.settings).toEqual({ commentPeriodDays: 5 });
    await branches.updateSettings(b, actor(7), 'language', 'English');
    await branches.updateSettings((await branches.findByChat(-4001))!, actor(7), 'timeZone', 'asia/urumqi');
    b = (await branches.findByChat(-4001))!;
    expect(branches.settingsOf(b)).toMatchObject({
      commentPeriodDays: 5,
      language: 'en',
      timeZone: 'Asia/Urumqi',
    });
    await expect(branches.updateSettings(b, actor(7), 'commentPeriodDays', '99')).rejects.toEqual(
      refusal('error-settings-out-of-range'),
    );
    await expect(branches.updateSettings(b, actor(7), 'leadingMinPledgeItems', '0')).rejects.toEqual(
      refusal('error-settings-out-of-range'),
    );
    await expect(branches.updateSettings(b, actor(7), 'nope', '1')).rejects.toEqual(
      refusal('error-settings-unknown-key'),
    );
    const log = await models.Audit.find({ branchId: b._id, action: 'settings.update' })
      .sort({ at: 1 })
      .lean();
    expect(log).toHaveLength(3);
    expect(log[0]).toMatchObject({
      target: 'commentPeriodDays',
      before: { commentPeriodDays: 3 },
      after: { commentPeriodDays: 5 },
    });

    // The branch's /pause takes the same path: one key stored, audited with the whole settings.
    await expect(branches.setRemindersPaused(b, actor(8, 'member'), true)).rejects.toEqual(
      refusal('error-secretary-only'),
    );
    await branches.setRemindersPaused(b, actor(7), true);
    b = (await branches.findByChat(-4001))!;
    expect(b.settings).toMatchObject({ commentPeriodDays: 5, remindersPaused: true });
    expect(await models.Audit.findOne({ branchId: b._id, target: 'remindersPaused' }).lean()).toMatchObject({
      before: { remindersPaused: false },
      after: { remindersPaused: true, language: 'en' },
    });
  });
});

describe('member service', () => {
  it('registration awaits confirmation; a double confirmation confirms once; edits and leaving keep the record', async () => {
    const branches = createBranchService({ models, clock });
    const members = createMemberService({ models, clock });
    const b = await branches.bind({ chatId: -5001, actorId: 7, name: '第五党支部', unit: 'u' });
    const first = await members.submitCard(b._id, 60, card);
    expect(first).toMatchObject({
      needsReview: true,
      edited: false,
      member: { status: 'pending-confirmation' },
    });
    const id = first.member._id.toString();
    expect((await members.pendingRegistrations(b._id)).map((m) => m.userId)).toEqual([60]);
    const [a, c] = await Promise.allSettled([
      members.review(b._id, actor(7), id, 'confirm'),
      members.review(b._id, actor(7), id, 'confirm'),
    ]);
    expect([a.status, c.status].sort()).toEqual(['fulfilled', 'rejected']);
    expect(await models.Audit.countDocuments({ branchId: b._id, action: 'member.confirm' })).toBe(1);
    expect(await members.pendingRegistrations(b._id)).toEqual([]);
    const edited = await members.submitCard(b._id, 60, { ...card, post: '咨询台' });
    expect(edited).toMatchObject({
      needsReview: false,
      edited: true,
      member: { status: 'active', post: '咨询台' },
    });
    expect((await members.active(b._id)).map((m) => m.userId)).toEqual([60]);
    // A forged id, another branch's id, or a member already reviewed: nothing happens.
    await expect(members.review(b._id, actor(7), 'f'.repeat(24), 'confirm')).rejects.toEqual(
      refusal('error-action-unavailable'),
    );
    await expect(members.review(b._id, actor(7), id, 'reject')).rejects.toEqual(
      refusal('error-action-unavailable'),
    );
    const other = await branches.bind({ chatId: -5002, actorId: 8, name: '第六党支部', unit: 'u' });
    const theirs = await members.submitCard(other._id, 61, card);
    await expect(members.review(b._id, actor(7), theirs.member._id.toString(), 'confirm')).rejects.toEqual(
      refusal('error-action-unavailable'),
    );
    expect(await members.leave(b._id, 60)).toMatchObject({ status: 'left' });
    expect(await members.leave(b._id, 60)).toBeNull();
    expect(await models.Member.countDocuments({ branchId: b._id, userId: 60 })).toBe(1);
    const back = await members.submitCard(b._id, 60, card);
    expect(back.member.status).toBe('pending-confirmation');
    expect((await members.cardsOfUser(61)).map((x) => x.branch.name)).toEqual(['第六党支部']);
    expect(await members.cardsOfUser(61, -5001)).toEqual([]);
  });
});

describe('user service', () => {
  it('remembers names and languages: the chosen one wins over Telegram, Chinese by default', async () => {
    const users = createUserService({ models });
    await users.remember({ id: 70, first_name: 'Ann', username: 'Ann_X', language_code: 'en-US' });
    expect(await users.localeOf(70)).toBe('en');
    expect((await users.findByUsername('@ann_x'))?._id).toBe(70);
    await users.setLanguage(70, 'zh');
    expect(await users.localeOf(70, { telegram: 'en' })).toBe('zh');
    expect(await users.localeOf(71)).toBe('zh');
    expect(await users.localeOf(71, { telegram: 'en-GB' })).toBe('en');
    expect(await users.findByUsername('nobody')).toBeNull();
  });

  it('falls back to the branch: the one given, else the branch the user is a member of', async () => {
    const users = createUserService({ models });
    const b = await models.Branch.create({
      chatId: -7200,
      name: '英语支部',
      unit: 'x',
      secretaryId: 72,
      settings: { language: 'en' },
    });
    // Seen in a group with a Telegram language we do not write: the branch's language decides.
    await users.remember({ id: 73, first_name: 'Ivan', language_code: 'ru' });
    expect(await users.localeOf(73)).toBe('zh');
    expect(await users.localeOf(73, { branch: 'en' })).toBe('en');
    await models.Member.create({
      branchId: b._id,
      userId: 73,
      realName: 'Ivan',
      post: 'p',
      unit: 'u',
      membership: 'full',
      isLeading: false,
      isElderly: false,
      motto: 'm',
      status: 'active',
      submittedAt: new Date(),
    });
    expect(await users.localeOf(73)).toBe('en');
    // The Telegram language as last seen beats the branch; a later sighting replaces it.
    await users.remember({ id: 73, first_name: 'Ivan', language_code: 'zh-hans' });
    expect(await users.localeOf(73, { branch: 'en' })).toBe('zh');
  });
});
