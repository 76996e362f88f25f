import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  COMMITTEE_ACTIONS,
  DENIAL_KEYS,
  can,
  committeeCan,
  committeeDenial,
  denial,
  effectiveRole,
  type Action,
  type Actor,
  type CommitteeAction,
  type CommitteeRole,
  type Role,
} from '../../src/domain/roles.js';
import { SERVICE_ERROR_KEYS } from '../../src/services/errors.js';

const ME = 1;
const OTHER = 2;
const actor = (role: Role, isChatAdmin = role === 'secretary' || role === 'committee'): Actor => ({
  userId: ME,
  role,
  isChatAdmin,
  branchId: 'b1',
});
const who = {
  secretary: actor('secretary'),
  committee: actor('committee'),
  member: actor('member'),
  masses: actor('masses'),
  exSecretary: actor('secretary', false),
  exCommittee: actor('committee', false),
} as const;
type Who = keyof typeof who;
const WHO = Object.keys(who) as Who[];

const own = { ownerId: ME, branchId: 'b1' };
const other = { ownerId: OTHER, branchId: 'b1' };
const otherSecretarys = { ownerId: OTHER, ownerIsSecretary: true, branchId: 'b1' };

/**
 * Every action × role × record: [about someone else, about oneself]. A letter per role, in the
 * order secretary, committee, member, masses, ex-secretary, ex-committee (both no longer chat
 * admins): Y allowed, '.' refused.
 */
const table: Record<Action, [other: string, own: string]> = {
  bind: ['YY....', 'YY....'],
  appoint: ['Y.....', 'Y.....'],
  unappoint: ['Y.....', 'Y.....'],
  linkCommittee: ['Y.....', 'Y.....'],
  editSettings: ['Y.....', 'Y.....'],
  pauseBranchReminders: ['Y.....', 'Y.....'],
  openRound: ['Y.....', 'Y.....'],
  closeRound: ['Y.....', 'Y.....'],
  resolveObjection: ['Y.....', '......'],
  writeCommentary: ['Y.....', '......'],
  appraise: ['Y.....', '......'],
  finalizeRound: ['Y.....', 'Y.....'],
  viewProgress: ['Y.....', 'Y.....'],
  runTopTen: ['Y.....', 'Y.....'],
  exportArchive: ['YY....', '......'],
  viewPending: ['YY....', '......'],
  confirmRegistration: ['YY....', '......'],
  approveStandard: ['YY....', '......'],
  reviewPledge: ['YY....', '......'],
  recordOralPledge: ['YY....', '......'],
  reviewDeed: ['YY....', '......'],
  handleFeedback: ['YY....', '......'],
  scoreMember: ['YY....', '......'],
  viewResult: ['YY....', 'YYYYYY'],
  printPlate: ['YY....', 'YYYYYY'],
  claimPledgeDone: ['......', 'YYYYYY'],
  editDeed: ['......', 'YYYYYY'],
  joinAsMember: ['...Y..', '...Y..'],
  reportDeed: ['YYY.YY', 'YYY.YY'],
  proposeStandard: ['YYY.YY', 'YYY.YY'],
  submitPledge: ['YYY.YY', 'YYY.YY'],
  selfEvaluate: ['YYY.YY', 'YYY.YY'],
  rateMember: ['YYYYYY', '......'],
  leaveFeedback: ['YYYYYY', '......'],
};
const cases = ACTIONS.flatMap((action) =>
  WHO.flatMap((w, i) => [
    [action, w, 'other', table[action][0][i] === 'Y'] as const,
    [action, w, 'own', table[action][1][i] === 'Y'] as const,
  ]),
);

describe('can: every action × role × own/other record', () => {
  it('the table lists every action', () => {
    expect(Object.keys(table).sort()).toEqual([...ACTIONS].sort());
  });

  it.each(cases)('%s by %s on an %s record → %s', (action, w, whose, allowed) => {
    const record = whose === 'own' ? own : other;
    expect(can(who[w], action, record)).toBe(allowed);
    expect(denial(who[w], action, record) === null).toBe(allowed);
  });

  it.each(ACTIONS)('%s without a record is allowed exactly as on another member', (action) => {
    for (const [i, w] of WHO.entries())
      expect(can(who[w], action), `${action} by ${w}`).toBe(table[action][0][i] === 'Y');
  });
});

describe('the secretary’s own objection', () => {
  it('is answered by a committee member, never by the secretary nor anyone else', () => {
    const got = WHO.map((w) => can(who[w], 'resolveObjection', otherSecretarys));
    expect(got).toEqual([false, true, false, false, false, false]);
    // The secretary themselves: their own record.
    expect(denial(who.secretary, 'resolveObjection', { ...own, ownerIsSecretary: true })).toBe(
      'error-review-own',
    );
  });

  it('the secretary’s organisation score comes from a committee member', () => {
    expect(can(who.committee, 'scoreMember', otherSecretarys)).toBe(true);
    expect(denial(who.secretary, 'scoreMember', own)).toBe('error-review-own');
  });
});

describe('denial: the refusal sentence', () => {
  it.each([
    [who.member, 'openRound', other, 'error-secretary-only'],
    [who.committee, 'writeCommentary', other, 'error-secretary-only'],
    [who.exSecretary, 'resolveObjection', other, 'error-secretary-only'],
    [who.exCommittee, 'scoreMember', other, 'error-reviewer-only'],
    [who.masses, 'reviewDeed', other, 'error-reviewer-only'],
    [who.member, 'exportArchive', undefined, 'error-export-not-allowed'],
    [who.secretary, 'confirmRegistration', own, 'error-review-own'],
    [who.secretary, 'recordOralPledge', own, 'error-review-own'],
    [who.committee, 'handleFeedback', own, 'error-review-own'],
    [who.member, 'rateMember', own, 'error-ballot-self'],
    [who.member, 'leaveFeedback', own, 'error-feedback-self'],
    [who.secretary, 'claimPledgeDone', other, 'error-not-owner'],
    [who.masses, 'submitPledge', undefined, 'error-not-member'],
    [who.member, 'joinAsMember', undefined, 'error-already-member'],
    [actor('masses', false), 'bind', undefined, 'error-not-chat-admin'],
    [who.secretary, 'reviewDeed', { ownerId: OTHER, branchId: 'b2' }, 'error-action-unavailable'],
  ] as const)('%j %s %j → %s', (a, action, record, key) => {
    expect(denial(a, action, record)).toBe(key);
  });

  it('a chat admin of the masses may bind', () => {
    expect(can(actor('masses', true), 'bind')).toBe(true);
  });

  it('every refusal is a ServiceError key', () => {
    for (const key of DENIAL_KEYS) expect(SERVICE_ERROR_KEYS).toContain(key);
  });
});

describe('effectiveRole', () => {
  it.each([
    [who.secretary, 'secretary'],
    [who.exSecretary, 'member'],
    [who.committee, 'committee'],
    [who.exCommittee, 'member'],
    [who.member, 'member'],
    [who.masses, 'masses'],
  ] as const)('%j → %s', (a, role) => {
    expect(effectiveRole(a)).toBe(role);
  });
});

describe('the committee level: every committee action × committee role × own tree / another tree', () => {
  // secretary (党委书记), member (委员), none (anyone else: a branch secretary among them).
  // [on a branch of its own tree, on a branch of another tree]; letters secretary, member, none.
  const table: Record<CommitteeAction, [own: string, other: string]> = {
    view: ['YY.', '...'],
    comment: ['YY.', '...'],
    invite: ['Y..', '...'],
    appoint: ['Y..', '...'],
    settings: ['Y..', '...'],
  };
  const ROLES: CommitteeRole[] = ['secretary', 'member', 'none'];
  const inTree = { inTreeOf: ['general-1', 'top-1'] };
  const cases = COMMITTEE_ACTIONS.flatMap((action) =>
    ROLES.flatMap((role, i) => [
      [action, role, 'own tree', table[action][0][i] === 'Y'] as const,
      [action, role, 'another tree', table[action][1][i] === 'Y'] as const,
    ]),
  );
  it('the table lists every committee action', () => {
    expect(Object.keys(table).sort()).toEqual([...COMMITTEE_ACTIONS].sort());
  });
  it.each(cases)('%s by %s on a branch of its %s → %s', (action, role, where, allowed) => {
    const committeeId = where === 'own tree' ? 'top-1' : 'top-2';
    expect(committeeDenial({ role, committeeId }, action, inTree) === null).toBe(allowed);
  });
  it.each(COMMITTEE_ACTIONS)('%s without a record goes by the role alone', (action) => {
    ROLES.forEach((role, i) => expect(committeeCan(role, action)).toBe(table[action][0][i] === 'Y'));
  });
  it.each([
    // A branch secretary asking a committee command holds no committee role.
    [{ role: 'none' as const, committeeId: 'top-1' }, 'view', inTree, 'error-committee-role-only'],
    [
      { role: 'member' as const, committeeId: 'top-1' },
      'invite',
      undefined,
      'error-committee-secretary-only',
    ],
    // A committee member of another tree.
    [
      { role: 'member' as const, committeeId: 'top-2' },
      'comment',
      inTree,
      'error-committee-branch-not-in-tree',
    ],
    // The general branch in between acts on its branches too.
    [{ role: 'secretary' as const, committeeId: 'general-1' }, 'comment', inTree, null],
  ] as const)('%j %s %j → %s', (a, action, record, key) => {
    expect(committeeDenial(a, action, record)).toBe(key);
  });
  it('a branch reads no record of a sibling branch, whatever its role there', () => {
    const sibling = { ownerId: OTHER, branchId: 'b2' };
    for (const w of WHO)
      for (const action of [
        'viewResult',
        'printPlate',
        'reviewDeed',
        'exportArchive',
        'viewPending',
      ] as const)
        expect(denial(who[w], action, sibling), `${w} ${action}`).toBe('error-action-unavailable');
  });
});
