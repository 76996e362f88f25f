import { describe, expect, it } from 'vitest';
import {
  parseQuickDeed,
  transitionDeed,
  validateDeed,
  type Deed,
  type DeedEvent,
} from '../../src/domain/deed.js';
import { parseDeedDate, parsePeopleCount } from '../../src/domain/deed-parse.js';

const SH = 'Asia/Shanghai';
// 2026-01-02 00:30 in Shanghai, still 2026-01-01 in UTC.
const now = new Date('2026-01-01T16:30:00Z');

describe('parseDeedDate', () => {
  it.each([
    ['今天', '2026-01-02'],
    ['today', '2026-01-02'],
    ['昨天', '2026-01-01'],
    ['前天', '2025-12-31'],
    ['2025-12-20', '2025-12-20'],
    ['2025/12/20', '2025-12-20'],
    ['１２－３０', '2025-12-30'],
    ['12月30日', '2025-12-30'],
    ['1-2', '2026-01-02'],
  ])('%j → %s', (text, date) => {
    expect(parseDeedDate(text, now, SH)).toEqual({ ok: true, value: date });
  });

  it.each([
    ['2026-01-03', 'error-deed-date-in-future', { today: '2026-01-02' }],
    ['明天', 'error-deed-date-in-future', { today: '2026-01-02' }],
    ['上周', 'error-deed-bad-date', {}],
    ['2025-02-29', 'error-deed-bad-date', {}],
    ['13-01', 'error-deed-bad-date', {}],
    ['2025-11-02', 'error-deed-date-too-old', { maxDays: 60, oldest: '2025-11-03' }],
    ['', 'error-deed-bad-date', {}],
  ])('%j → %s', (text, key, params) => {
    const result = parseDeedDate(text, now, SH);
    expect(!result.ok && result.error.key).toBe(key);
    expect(!result.ok && result.error.params).toMatchObject(params);
  });

  it('today follows the branch zone, not UTC', () => {
    expect(parseDeedDate('今天', now, 'UTC')).toEqual({ ok: true, value: '2026-01-01' });
    expect(parseDeedDate('2026-01-02', now, 'UTC').ok).toBe(false);
  });
});

describe('parsePeopleCount', () => {
  it.each([
    ['3', 3],
    ['１２', 12],
    ['5人', 5],
    [' 7 people ', 7],
    ['100000', 100000],
  ])('%j → %i', (text, n) => {
    expect(parsePeopleCount(text)).toEqual({ ok: true, value: n });
  });
  it.each([
    ['0', 'error-deed-people-out-of-range'],
    ['100001', 'error-deed-people-out-of-range'],
    ['三', 'error-deed-people-not-number'],
    ['-1', 'error-deed-people-not-number'],
    ['1.5', 'error-deed-people-not-number'],
  ])('%j → %s', (text, key) => {
    const result = parsePeopleCount(text);
    expect(!result.ok && result.error.key).toBe(key);
  });
});

describe('validateDeed and the quick form', () => {
  const input = { what: '帮助老人办理社保卡', forWhom: '社区老人', peopleHelped: '2' };
  it('defaults the date to today in the branch zone and keeps optional fields', () => {
    const result = validateDeed({ ...input, pledgeItemId: 'p1', photoFileId: 'f1' }, now, SH);
    expect(result).toEqual({
      ok: true,
      value: { ...input, peopleHelped: 2, date: '2026-01-02', pledgeItemId: 'p1', photoFileId: 'f1' },
    });
  });
  it.each([
    [{ what: '帮' }, 'error-deed-what-too-short'],
    [{ what: '帮'.repeat(501) }, 'error-deed-what-too-long'],
    [{ forWhom: '' }, 'error-for-whom-too-short'],
    [{ forWhom: '社区\n老人' }, 'error-for-whom-multiline'],
    [{ peopleHelped: 'x' }, 'error-deed-people-not-number'],
    [{ date: '2099-01-01' }, 'error-deed-date-in-future'],
  ])('%j → %s', (patch, key) => {
    const result = validateDeed({ ...input, ...patch }, now, SH);
    expect(!result.ok && result.error.key).toBe(key);
  });
  it('quick form: the text is what was done, for 群众, one person, today', () => {
    expect(parseQuickDeed('  为群众代办证件  ', now, SH)).toEqual({
      ok: true,
      value: { what: '为群众代办证件', forWhom: '群众', peopleHelped: 1, date: '2026-01-02' },
    });
    const empty = parseQuickDeed('', now, SH);
    expect(!empty.ok && empty.error.key).toBe('error-deed-what-too-short');
  });
});

describe('transitionDeed', () => {
  const deed: Deed = {
    id: 'd1',
    memberId: 'm1',
    what: '帮助老人办理社保卡',
    date: '2026-01-02',
    forWhom: '老人',
    peopleHelped: 1,
    status: 'pending',
  };
  const draft = { what: '帮助两位老人办理社保卡', date: '2026-01-01', forWhom: '老人', peopleHelped: 2 };
  it.each<[DeedEvent, Record<string, unknown>]>([
    [{ type: 'verify' }, { status: 'verified', verifiedAt: now }],
    [
      { type: 'reject', reason: '无佐证' },
      { status: 'rejected', reason: '无佐证', rejectedAt: now },
    ],
    [{ type: 'withdraw', actorMemberId: 'm1' }, { status: 'withdrawn' }],
    [
      { type: 'edit', actorMemberId: 'm1', draft },
      { ...draft, status: 'pending', id: 'd1' },
    ],
  ])('pending --%j-->', (event, expected) => {
    const result = transitionDeed(deed, event, now);
    expect(result.ok && result.value).toMatchObject(expected);
  });
  it.each<[Deed, DeedEvent, string]>([
    [deed, { type: 'reject', reason: ' ' }, 'error-reject-reason-too-short'],
    [deed, { type: 'withdraw', actorMemberId: 'm2' }, 'error-deed-not-owner'],
    [deed, { type: 'edit', actorMemberId: 'm2', draft }, 'error-deed-not-owner'],
    [
      { ...deed, status: 'verified', verifiedAt: now },
      { type: 'withdraw', actorMemberId: 'm1' },
      'error-deed-transition',
    ],
    [{ ...deed, status: 'withdrawn' }, { type: 'verify' }, 'error-deed-transition'],
    [
      { ...deed, status: 'rejected', reason: 'x', rejectedAt: now },
      { type: 'verify' },
      'error-deed-transition',
    ],
  ])('%#: → %s', (from, event, key) => {
    const result = transitionDeed(from, event, now);
    expect(!result.ok && result.error.key).toBe(key);
  });
});
