import { describe, expect, it } from 'vitest';
import {
  COMMITTEE_ACTIONS,
  committeeCan,
  inviteCode,
  INVITE_ALPHABET,
  mayJoin,
  parseCommitteeKind,
  parseInviteCode,
  type CommitteeRole,
  type UnitKind,
} from '../../src/domain/committee.js';

describe('invite codes', () => {
  it('are 8 characters of the unambiguous alphabet, one per random byte', () => {
    const code = inviteCode(Uint8Array.from([0, 1, 2, 30, 31, 255, 100, 7]));
    expect(code).toBe('ABC9AHHH'); // 31 characters: 255 % 31 = 100 % 31 = 7
    expect([...code].every((c) => INVITE_ALPHABET.includes(c))).toBe(true);
  });
  it.each([
    ['ABC9AJ7H', 'ABC9AJ7H'],
    [' abc9-aj7h ', 'ABC9AJ7H'],
    ['ＡＢＣ９ＡＪ７Ｈ', 'ABC9AJ7H'],
    ['ABCD EFGH', 'ABCDEFGH'],
  ])('%j reads as %s', (text, code) => {
    expect(parseInviteCode(text)).toEqual({ ok: true, value: code });
  });
  it.each(['ABC9AJ7', 'ABC9AJ7HX', 'ABC0AJ7H', 'ABCIAJ7H', '', '邀请码'])('%j is refused', (text) => {
    const r = parseInviteCode(text);
    expect(r.ok ? null : r.error.key).toBe('error-committee-bad-code');
  });
});

describe('mayJoin (committee → general branch → branch)', () => {
  it.each<[UnitKind, UnitKind, boolean]>([
    ['branch', 'committee', true],
    ['branch', 'general', true],
    ['branch', 'branch', false],
    ['general', 'committee', true],
    ['general', 'general', false],
    ['general', 'branch', false],
    ['committee', 'committee', false],
    ['committee', 'general', false],
  ])('%s under %s: %s', (child, parent, allowed) => {
    expect(mayJoin(child, parent)).toBe(allowed);
  });
});

describe('committeeCan', () => {
  const table: Record<CommitteeRole, string[]> = {
    secretary: [...COMMITTEE_ACTIONS],
    member: ['view', 'comment'],
    none: [],
  };
  it.each(Object.entries(table) as [CommitteeRole, string[]][])('%s may do exactly %j', (role, allowed) => {
    expect(COMMITTEE_ACTIONS.filter((a) => committeeCan(role, a))).toEqual(allowed);
  });
});

describe('parseCommitteeKind', () => {
  it.each([
    ['党委', 'committee'],
    [' Committee ', 'committee'],
    ['党总支', 'general'],
    ['general branch', 'general'],
  ])('%j is %s', (text, kind) => {
    expect(parseCommitteeKind(text)).toEqual({ ok: true, value: kind });
  });
  it.each(['支部', '', 'x'])('%j is refused', (text) => {
    const r = parseCommitteeKind(text);
    expect(r.ok ? null : r.error.key).toBe('error-committee-bad-kind');
  });
});
