import { describe, expect, it } from 'vitest';
import { ACTIONS, can, effectiveRole, type Action, type Actor, type Role } from '../../src/domain/roles.js';

const actor = (role: Role, isChatAdmin = role === 'secretary', userId = 1): Actor => ({
  userId,
  role,
  isChatAdmin,
});
const secretary = actor('secretary');
const demotedSecretary = actor('secretary', false);
const committee = actor('committee');
const member = actor('member');
const masses = actor('masses');
const adminMasses = actor('masses', true);

// Expected permissions when the action is about somebody else (user 2).
const table: ReadonlyArray<[Action, boolean, boolean, boolean, boolean]> = [
  // action              secretary committee member masses
  ['bind', true, false, false, false],
  ['appoint', true, false, false, false],
  ['unappoint', true, false, false, false],
  ['editSettings', true, false, false, false],
  ['pauseBranchReminders', true, false, false, false],
  ['openRound', true, false, false, false],
  ['closeRound', true, false, false, false],
  ['resolveObjection', true, false, false, false],
  ['writeCommentary', true, false, false, false],
  ['exportArchive', true, true, false, false],
  ['approveStandard', true, true, false, false],
  ['reviewPledge', true, true, false, false],
  ['recordOralPledge', true, true, false, false],
  ['reviewDeed', true, true, false, false],
  ['handleFeedback', true, true, false, false],
  ['scoreMember', true, true, false, false],
  ['joinAsMember', false, false, false, true],
  ['reportDeed', true, true, true, false],
  ['proposeStandard', true, true, true, false],
  ['submitPledge', true, true, true, false],
  ['selfEvaluate', true, true, true, false],
  ['rateMember', true, true, true, true],
  ['leaveFeedback', true, true, true, true],
];

describe('can', () => {
  it('covers every action', () => {
    expect(table.map(([a]) => a).sort()).toEqual([...ACTIONS].sort());
  });

  it.each(table)('%s: secretary %s, committee %s, member %s, masses %s', (action, s, c, m, p) => {
    const other = { memberUserId: 2 };
    expect([secretary, committee, member, masses].map((a) => can(a, action, other))).toEqual([s, c, m, p]);
  });

  it.each(table)('%s: a secretary who lost chat admin acts as a member', (action, _s, _c, m) => {
    expect(can(demotedSecretary, action, { memberUserId: 2 })).toBe(m);
  });

  it.each([
    ['rateMember', masses],
    ['rateMember', member],
    ['leaveFeedback', member],
    ['reviewDeed', committee],
    ['scoreMember', secretary],
    ['approveStandard', secretary],
  ] as const)('nobody may %s about themselves (%j)', (action, who) => {
    expect(can(who, action, { memberUserId: who.userId })).toBe(false);
  });

  it.each([
    ['reportDeed', member, true],
    ['selfEvaluate', secretary, true],
    ['bind', adminMasses, true],
    ['bind', actor('committee', true), true],
    ['bind', actor('committee', false), false],
  ] as const)('%s by %j on self/without target → %s', (action, who, expected) => {
    expect(can(who, action, { memberUserId: who.userId })).toBe(expected);
  });
});

describe('effectiveRole', () => {
  it.each([
    [secretary, 'secretary'],
    [demotedSecretary, 'member'],
    [committee, 'committee'],
    [actor('committee', false), 'committee'],
    [masses, 'masses'],
  ] as const)('%j → %s', (who, role) => {
    expect(effectiveRole(who)).toBe(role);
  });
});
