import { describe, expect, it } from 'vitest';
import { earlyCloseOf, roundState, type RoundFacts } from '../../src/domain/round-state.js';

const s = {
  timeZone: 'Asia/Shanghai',
  roundOpenDaysBeforeMonthEnd: 3,
  roundOpenHour: 9,
  roundCloseDay: 1,
  roundCloseHour: 9,
};
const round = (month: string, status: RoundFacts['status']): RoundFacts => ({ month, status });
// 09:00 in Shanghai is 01:00 UTC.
const iso = (d: Date) => d.toISOString();

describe("roundState: the month and the real state of a branch's rating, and the next round", () => {
  it.each([
    // latest round, now (UTC), kind, month, next month, next opens (UTC), close (UTC)
    [null, '2026-12-05T02:00:00Z', 'none', undefined, '2026-12', '2026-12-29T01:00:00.000Z', undefined],
    [
      round('2026-12', 'open'),
      '2026-12-05T02:00:00Z',
      'open',
      '2026-12',
      undefined,
      undefined,
      '2027-01-01T01:00:00.000Z',
    ],
    // Closed early on 5 December: the next round is January's, not "already open".
    [
      round('2026-12', 'provisional'),
      '2026-12-05T03:00:00Z',
      'provisional',
      '2026-12',
      '2027-01',
      '2027-01-29T01:00:00.000Z',
      undefined,
    ],
    [
      round('2026-11', 'provisional'),
      '2026-12-02T02:00:00Z',
      'provisional',
      '2026-11',
      '2026-12',
      '2026-12-29T01:00:00.000Z',
      undefined,
    ],
    [
      round('2026-11', 'final'),
      '2026-12-05T02:00:00Z',
      'final',
      '2026-11',
      '2026-12',
      '2026-12-29T01:00:00.000Z',
      undefined,
    ],
    [
      round('2026-12', 'final'),
      '2026-12-20T02:00:00Z',
      'final',
      '2026-12',
      '2027-01',
      '2027-01-29T01:00:00.000Z',
      undefined,
    ],
    // February has 28 days in 2027: its round opens on the 26th.
    [
      round('2027-01', 'final'),
      '2027-02-03T02:00:00Z',
      'final',
      '2027-01',
      '2027-02',
      '2027-02-26T01:00:00.000Z',
      undefined,
    ],
  ])('%j at %s → %s %s, next %s', (latest, now, kind, month, nextMonth, nextOpen, close) => {
    const st = roundState(latest, new Date(now), s);
    expect(st.kind).toBe(kind);
    expect('month' in st ? st.month : undefined).toBe(month);
    expect('next' in st ? st.next.month : undefined).toBe(nextMonth);
    expect('next' in st ? iso(st.next.openAt) : undefined).toBe(nextOpen);
    expect(st.kind === 'open' ? iso(st.closeAt) : undefined).toBe(close);
  });
});

describe('earlyCloseOf: when /closeround asks the secretary to confirm', () => {
  const close = new Date('2027-01-01T01:00:00Z');
  const none = { selfMissing: 0, ballotsUnderMin: 0, orgMissing: 0 };
  it.each([
    // now (UTC), gaps, confirm, hours early
    ['2026-12-05T02:00:00Z', none, true, 647], // weeks early, everyone done: still asks
    ['2026-12-30T01:00:00Z', none, true, 48],
    ['2026-12-31T00:00:00Z', none, true, 25],
    ['2026-12-31T01:00:00Z', none, false, 24], // within the margin, everyone done
    ['2026-12-31T13:00:00Z', none, false, 12],
    ['2026-12-31T13:00:00Z', { ...none, selfMissing: 1 }, true, 12], // someone would be cut off
    ['2026-12-31T13:00:00Z', { ...none, ballotsUnderMin: 2 }, true, 12],
    ['2026-12-31T13:00:00Z', { ...none, orgMissing: 3 }, true, 12],
    ['2027-01-01T01:00:00Z', { ...none, selfMissing: 4 }, false, 0], // the scheduled time: no question
    ['2027-01-02T01:00:00Z', { ...none, selfMissing: 4 }, false, 0],
  ])('at %s with %o: confirm %s (%d h early)', (now, gaps, confirm, hours) => {
    const r = earlyCloseOf(new Date(now), close, gaps);
    expect(r.confirm).toBe(confirm);
    expect(Math.round(r.hoursEarly)).toBe(hours);
    expect(r.incomplete).toBe(gaps !== none);
  });
});
