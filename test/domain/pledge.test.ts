import { describe, expect, it } from 'vitest';
import {
  isPublishable,
  pledgeShortfall,
  pledgeYear,
  recordOralPledge,
  submitPledge,
  validateItemCount,
  type Pledge,
} from '../../src/domain/pledge.js';
import {
  itemStatus,
  parseLead,
  transitionPledgeItem,
  validatePledgeItem,
  type PledgeItem,
  type PledgeItemEvent,
} from '../../src/domain/pledge-item.js';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.js';

const SH = 'Asia/Shanghai';
// 2026-03-31 23:30 in Shanghai is still 2026-03-31 15:30 UTC.
const now = new Date('2026-03-31T15:30:00Z');
const base = { id: 'i1', lead: 'service', text: '每月走访困难群众两户', dueDate: '2026-06-30' } as const;
const item = (stage: Partial<PledgeItem> & { status: PledgeItem['status'] }) =>
  ({ ...base, ...stage }) as PledgeItem;

describe('parseLead', () => {
  it.each([
    ['study', 'study'],
    ['1', 'study'],
    ['５', 'integrity'],
    ['带头服务群众', 'service'],
    ['遵纪守法', 'discipline'],
    [' Achievement ', 'achievement'],
  ])('%j → %s', (text, lead) => {
    expect(parseLead(text)).toEqual({ ok: true, value: lead });
  });

  it.each(['0', '6', '带头', ''])('%j is rejected', (text) => {
    const result = parseLead(text);
    expect(!result.ok && result.error.key).toBe('error-pledge-bad-lead');
  });
});

describe('validatePledgeItem', () => {
  const input = { lead: '3', text: '每月走访困难群众两户', dueDate: '2026-06-30' };
  it.each([
    [{}, { lead: 'service', dueDate: '2026-06-30' }],
    [{ dueDate: '2026-03-31' }, { dueDate: '2026-03-31' }],
    [{ dueDate: '２０２７－０３－３１' }, { dueDate: '2027-03-31' }],
    [{ text: '学习党章五次' }, { text: '学习党章五次' }],
    // Every common form, read by the one date reader; without a year, the next such day.
    [{ dueDate: '6月30日' }, { dueDate: '2026-06-30' }],
    [{ dueDate: '2027/3/31' }, { dueDate: '2027-03-31' }],
    [{ dueDate: '明年3月31日' }, { dueDate: '2027-03-31' }],
    [{ dueDate: '3月30日' }, { dueDate: '2027-03-30' }],
  ])('%j accepted', (patch, expected) => {
    const result = validatePledgeItem({ ...input, ...patch }, now, SH);
    expect(result.ok && result.value).toMatchObject(expected);
  });

  it.each([
    [{ dueDate: '2026-03-30' }, 'error-pledge-due-in-past', { today: '2026-03-31' }],
    [{ dueDate: '2027-04-01' }, 'error-pledge-due-too-far', { latest: '2027-03-31' }],
    [{ dueDate: '2026-02-29' }, 'error-pledge-bad-date', {}],
    [{ dueDate: '六月底' }, 'error-pledge-bad-date', {}],
    [{ text: '学习四次' }, 'error-pledge-text-too-short', { min: 5 }],
    [{ text: '学'.repeat(201) }, 'error-pledge-text-too-long', { max: 200 }],
    [{ lead: 'x' }, 'error-pledge-bad-lead', {}],
  ])('%j → %s', (patch, key, params) => {
    const result = validatePledgeItem({ ...input, ...patch }, now, SH);
    expect(!result.ok && result.error.key).toBe(key);
    expect(!result.ok && result.error.params).toMatchObject(params);
  });

  it('uses the branch zone for today: in UTC it is still 03-31 too, in Tokyo it is 04-01', () => {
    expect(validatePledgeItem({ ...input, dueDate: '2026-03-31' }, now, 'Asia/Tokyo').ok).toBe(false);
    expect(validatePledgeItem({ ...input, dueDate: '2026-03-31' }, now, 'UTC').ok).toBe(true);
  });
});

describe('itemStatus', () => {
  it.each([
    [item({ status: 'approved' }), '2026-06-30T15:59:59Z', 'approved'],
    [item({ status: 'approved' }), '2026-06-30T16:00:00Z', 'overdue'],
    [item({ status: 'pending' }), '2026-07-30T00:00:00Z', 'pending'],
    [
      item({ status: 'claimed', evidence: '走访记录', claimedOn: '2026-06-30' }),
      '2026-08-01T00:00:00Z',
      'claimed',
    ],
    [
      item({ status: 'done', evidence: '走访记录', claimedOn: '2026-06-30', doneOn: '2026-07-02' }),
      '2026-08-01T00:00:00Z',
      'done',
    ],
    [item({ status: 'returned', reason: '不具体' }), '2026-08-01T00:00:00Z', 'returned'],
  ])('%#: %j at %s → %s', (it_, at, status) => {
    expect(itemStatus(it_, new Date(at), SH)).toBe(status);
  });
});

describe('transitionPledgeItem', () => {
  const claimed = item({ status: 'claimed', evidence: '走访记录', claimedOn: '2026-03-31' });
  it.each<[PledgeItem, PledgeItemEvent, Record<string, unknown>]>([
    [item({ status: 'draft' }), { type: 'submit' }, { status: 'pending' }],
    [item({ status: 'returned', reason: 'x' }), { type: 'submit' }, { status: 'pending' }],
    [item({ status: 'pending' }), { type: 'approve' }, { status: 'approved' }],
    [
      item({ status: 'pending' }),
      { type: 'return', reason: '请写明户数' },
      { status: 'returned', reason: '请写明户数' },
    ],
    [
      item({ status: 'approved' }),
      { type: 'markDone', evidence: '走访记录3份' },
      { status: 'claimed', claimedOn: '2026-03-31' },
    ],
    [claimed, { type: 'confirmDone' }, { status: 'done', doneOn: '2026-03-31', evidence: '走访记录' }],
    [claimed, { type: 'rejectDone', reason: '证据不足' }, { status: 'approved' }],
  ])('%#: %j --%j-->', (from, event, expected) => {
    const result = transitionPledgeItem(from, event, now, SH);
    expect(result.ok && result.value).toMatchObject(expected);
  });

  it.each<[PledgeItem, PledgeItemEvent, string]>([
    [item({ status: 'pending' }), { type: 'return', reason: '' }, 'error-return-reason-too-short'],
    [
      item({ status: 'pending' }),
      { type: 'return', reason: '理'.repeat(201) },
      'error-return-reason-too-long',
    ],
    [item({ status: 'approved' }), { type: 'markDone', evidence: ' ' }, 'error-evidence-too-short'],
    [item({ status: 'draft' }), { type: 'approve' }, 'error-pledge-item-transition'],
    [item({ status: 'pending' }), { type: 'markDone', evidence: 'x' }, 'error-pledge-item-transition'],
    [item({ status: 'approved' }), { type: 'confirmDone' }, 'error-pledge-item-transition'],
    [claimed, { type: 'submit' }, 'error-pledge-item-transition'],
  ])('%#: %j --%j--> %s', (from, event, key) => {
    const result = transitionPledgeItem(from, event, now, SH);
    expect(!result.ok && result.error.key).toBe(key);
  });
});

describe('pledge', () => {
  const items = (n: number) => Array.from({ length: n }, (_, i) => item({ status: 'draft', id: `i${i}` }));
  it.each([
    [0, false, 'error-pledge-too-few-items'],
    [1, false, null],
    [2, true, 'error-pledge-too-few-items'],
    [3, true, null],
    [21, false, 'error-pledge-too-many-items'],
  ])('%i items, leading=%s → %s', (count, leading, key) => {
    const result = validateItemCount(count, leading, DEFAULT_SETTINGS);
    expect(result.ok ? null : result.error.key).toBe(key);
  });

  it('submit moves draft and returned items to pending and keeps approved ones', () => {
    const pledge: Pledge = {
      memberId: 'm1',
      year: 2026,
      oral: false,
      items: [
        item({ status: 'draft', id: 'a' }),
        item({ status: 'approved', id: 'b' }),
        item({ status: 'returned', id: 'c', reason: 'x' }),
      ],
    };
    const result = submitPledge(pledge, { isLeading: true }, DEFAULT_SETTINGS, now);
    expect(result.ok && result.value.items.map((i) => i.status)).toEqual(['pending', 'approved', 'pending']);
  });

  it('submit with nothing to submit is rejected', () => {
    const pledge: Pledge = { memberId: 'm1', year: 2026, oral: false, items: [item({ status: 'approved' })] };
    const result = submitPledge(pledge, { isLeading: false }, DEFAULT_SETTINGS, now);
    expect(!result.ok && result.error.key).toBe('error-pledge-transition');
  });

  it.each([
    [{ isLeading: false, isElderly: true }, 1, null],
    [{ isLeading: false, isElderly: false }, 1, 'error-pledge-oral-not-elderly'],
    [{ isLeading: true, isElderly: true }, 1, 'error-pledge-too-few-items'],
  ])('oral pledge for %j with %i items → %s', (member, n, key) => {
    const result = recordOralPledge(
      { memberId: 'm1', year: 2026, items: items(n) },
      member,
      42,
      DEFAULT_SETTINGS,
    );
    expect(result.ok ? null : result.error.key).toBe(key);
    if (result.ok)
      expect(result.value).toMatchObject({ oral: true, recordedBy: 42, items: [{ status: 'approved' }] });
  });
});

describe('pledge year and publication', () => {
  it.each([
    ['2026-12-31T15:59:59Z', SH, 2026],
    ['2026-12-31T16:00:00Z', SH, 2027],
    ['2026-12-31T16:00:00Z', 'UTC', 2026],
  ])('%s in %s → %i', (at, tz, year) => {
    expect(pledgeYear(new Date(at), tz)).toBe(year);
  });
  it.each([
    [['approved'], 1, true],
    [['approved', 'pending'], 1, false],
    [['approved', 'returned'], 1, true],
    [['approved', 'returned', 'done'], 3, false],
    [['approved', 'claimed', 'done'], 3, true],
    [[], 1, false],
  ] as const)('%j with min %i → %s', (statuses, min, publishable) => {
    expect(
      isPublishable(
        statuses.map((status) => ({ status })),
        min,
      ),
    ).toBe(publishable);
  });
});

describe('pledgeShortfall: approved items a pledge still lacks (leading members owe more)', () => {
  const s = { leadingMinPledgeItems: 3, normalMinPledgeItems: 1 };
  it.each([
    [[] as const, true, 3],
    [['approved'], true, 2],
    [['approved', 'claimed', 'done'], true, 0],
    [['approved', 'claimed', 'done', 'approved'], true, 0],
    [['pending', 'pending', 'pending'], true, 3], // under review: not yet pledged
    [['draft', 'returned', 'approved'], true, 2],
    [[], false, 1],
    [['done'], false, 0],
    [['pending'], false, 1],
  ] as const)('%o, leading %s: %d missing', (statuses, leading, missing) => {
    expect(
      pledgeShortfall(
        statuses.map((status) => ({ status })),
        leading,
        s,
      ),
    ).toBe(missing);
  });
});
