import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import {
  appraisalLink,
  ballotLink,
  DEEP_LINKS,
  deedEditLink,
  deedLink,
  feedbackLink,
  joinLink,
  kindOf,
  oralPledgeLink,
  pendingLink,
  plateLink,
  pledgeLink,
  standardCommentLink,
  standardLink,
  START_PARAM,
  topTenLink,
  type DeepLink,
} from '../../src/domain/deep-links.js';

/** Telegram's rule for `?start=`: 1–64 characters, only A-Z, a-z, 0-9, `_` and `-`. */
const telegramAccepts = (param: string) => param.length >= 1 && param.length <= 64 && START_PARAM.test(param);

const B = new Types.ObjectId('ffffffffffffffffffffffff');
const M = new Types.ObjectId('0123456789abcdef01234567');

/** Each kind with its longest args (ObjectIds are always 24 hex digits; a year is 4 digits). */
const LONGEST: [DeepLink<unknown, never>, unknown, unknown][] = [
  [pledgeLink, B, B.toString()],
  [oralPledgeLink, { branchId: B, memberId: M }, { branchId: B.toString(), memberId: M.toString() }],
  [deedLink, B, B.toString()],
  [deedEditLink, M, M.toString()],
  [pendingLink, B, B.toString()],
  [feedbackLink, { branchId: B, memberId: M }, { branchId: B.toString(), memberId: M.toString() }],
  [joinLink, B, B.toString()],
  [standardLink, B, B.toString()],
  [standardCommentLink, M, M.toString()],
  [ballotLink, B, B.toString()],
  [topTenLink, M, M.toString()],
  [appraisalLink, { branchId: B, year: 9999 }, { branchId: B.toString(), year: 9999 }],
  [plateLink, { branchId: B, memberId: M }, { branchId: B.toString(), memberId: M.toString() }],
];

describe('deep links', () => {
  it('every kind is tested with its longest args', () => {
    expect(LONGEST.map(([l]) => l.kind).sort()).toEqual(DEEP_LINKS.map((l) => l.kind).sort());
  });

  it.each(LONGEST.map(([l, args, read]) => [l.kind, l, args, read] as const))(
    '%s: the longest start parameter is one Telegram accepts, and it reads back',
    (_kind, link, args, read) => {
      const param = link.pack(args as never);
      expect(telegramAccepts(param)).toBe(true);
      expect(kindOf(param)).toBe(link.kind);
      expect(link.unpack(param)).toEqual(read);
      expect(link.link('model_post_bot', args as never)).toBe(`https://t.me/model_post_bot?start=${param}`);
      // No other kind reads it (a link reaches one route).
      for (const other of DEEP_LINKS.filter((o) => o !== link)) expect(other.unpack(param)).toBeUndefined();
    },
  );

  it('no two kinds share a name, and none holds the separator', () => {
    const kinds = DEEP_LINKS.map((l) => l.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const k of kinds) expect(k).toMatch(/^[A-Za-z0-9-]+$/);
  });

  it('only the feedback book and the masses ballot are anonymous', () => {
    expect(DEEP_LINKS.filter((l) => l.anonymous).map((l) => l.kind)).toEqual(['fb', 'rate']);
  });

  it('feedback about the branch leaves the member out', () => {
    expect(feedbackLink.pack({ branchId: B })).toBe(`fb_${B.toString()}`);
    expect(feedbackLink.unpack(`fb_${B.toString()}`)).toEqual({ branchId: B.toString() });
  });

  it.each([
    `pl_${M.toString().slice(1)}`,
    `pl_${M.toString()}x`,
    `pl_${M.toString().toUpperCase()}`,
    'pl_',
    'pl',
    `po_${B.toString()}`,
    `po_${B.toString()}-${M.toString()}-${M.toString()}`,
    `fb_${B.toString()}-`,
    `apr_${B.toString()}-26`,
    `apr_${B.toString()}-20260`,
    `mp_${B.toString()}_${M.toString()}`,
  ])('reads nothing from %s (cut, stale or forged)', (param) => {
    for (const link of DEEP_LINKS) expect(link.unpack(param)).toBeUndefined();
  });

  it('refuses to pack what it could not read back', () => {
    expect(() => pledgeLink.pack('not-an-id')).toThrow();
    expect(() => appraisalLink.pack({ branchId: B, year: 20260 })).toThrow();
    expect(() => plateLink.pack({ branchId: B, memberId: 'x' })).toThrow();
  });
});
