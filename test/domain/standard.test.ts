import { describe, expect, it } from 'vitest';
import {
  draftStandard,
  isCommentOpen,
  transitionStandard,
  validateComment,
  type PostStandard,
  type StandardEvent,
} from '../../src/domain/standard.js';

const text = '热情服务，一次告知，限时办结，不让群众跑二趟';
const t0 = new Date('2026-03-02T01:00:00Z');
const at = (hours: number) => new Date(t0.getTime() + hours * 3_600_000);
const draft: PostStandard = { status: 'draft', text, revision: 1 };
const commenting: PostStandard = { status: 'commenting', text, revision: 1, openedAt: t0, closesAt: at(72) };
const approved: PostStandard = { status: 'approved', text, revision: 1, approvedAt: at(80) };
const returned: PostStandard = {
  status: 'returned',
  text,
  revision: 1,
  reason: '不够具体',
  returnedAt: at(80),
};

describe('draftStandard', () => {
  it.each([
    ['一二三四五六七八九十', true],
    ['一二三四五六七八九', false],
    ['岗'.repeat(1000), true],
    ['岗'.repeat(1001), false],
  ])('%j ok=%s', (t, valid) => {
    expect(draftStandard(t).ok).toBe(valid);
  });
});

describe('transitionStandard: allowed', () => {
  it.each<[string, PostStandard, StandardEvent, Date, Partial<Record<string, unknown>>]>([
    [
      'edit a draft',
      draft,
      { type: 'edit', text: ' 新标准：主动服务，热情周到 ' },
      t0,
      { status: 'draft', text: '新标准：主动服务，热情周到' },
    ],
    [
      'submit opens 3 days',
      draft,
      { type: 'submit', commentPeriodDays: 3 },
      t0,
      { status: 'commenting', openedAt: t0, closesAt: at(72) },
    ],
    [
      'approve exactly at close',
      commenting,
      { type: 'approve' },
      at(72),
      { status: 'approved', approvedAt: at(72) },
    ],
    [
      'return during comments',
      commenting,
      { type: 'return', reason: '请补充服务时限' },
      at(1),
      { status: 'returned', reason: '请补充服务时限' },
    ],
    [
      'revise reopens comments',
      returned,
      { type: 'revise', text: text + '，限时办结', commentPeriodDays: 5 },
      at(100),
      { status: 'commenting', revision: 2, closesAt: at(220) },
    ],
    ['reopen yearly', approved, { type: 'reopen' }, at(9000), { status: 'draft', revision: 2, text }],
    [
      'approve early with a reason',
      commenting,
      { type: 'approveEarly', reason: ' 群众意见已充分，急需上岗 ' },
      at(1),
      { status: 'approved', approvedAt: at(1), earlyReason: '群众意见已充分，急需上岗' },
    ],
    [
      'approve early once the period is over: a plain approval',
      commenting,
      { type: 'approveEarly', reason: '理由' },
      at(72),
      { status: 'approved', approvedAt: at(72) },
    ],
  ])('%s', (_name, state, event, now, expected) => {
    const result = transitionStandard(state, event, now);
    expect(result.ok).toBe(true);
    expect(result.ok && result.value).toMatchObject(expected);
  });
});

it('an early approval once the period is over stores no early reason', () => {
  const r = transitionStandard(commenting, { type: 'approveEarly', reason: '理由' }, at(72));
  expect(r.ok && 'earlyReason' in r.value).toBe(false);
});

describe('transitionStandard: rejected', () => {
  it.each<[string, PostStandard, StandardEvent, Date, string]>([
    ['approve a draft', draft, { type: 'approve' }, t0, 'error-standard-transition'],
    [
      'approve during comments',
      commenting,
      { type: 'approve' },
      at(71.99),
      'error-standard-comment-period-open',
    ],
    [
      'approve early without a reason',
      commenting,
      { type: 'approveEarly', reason: ' ' },
      at(1),
      'error-early-reason-too-short',
    ],
    [
      'approve early a returned standard',
      returned,
      { type: 'approveEarly', reason: '群众意见已充分' },
      at(1),
      'error-standard-transition',
    ],
    ['submit twice', commenting, { type: 'submit', commentPeriodDays: 3 }, t0, 'error-standard-transition'],
    ['edit while commenting', commenting, { type: 'edit', text }, t0, 'error-standard-transition'],
    [
      'return without reason',
      commenting,
      { type: 'return', reason: '  ' },
      t0,
      'error-return-reason-too-short',
    ],
    ['return approved', approved, { type: 'return', reason: 'x' }, t0, 'error-standard-transition'],
    [
      'revise with short text',
      returned,
      { type: 'revise', text: '短', commentPeriodDays: 3 },
      t0,
      'error-standard-text-too-short',
    ],
    [
      'revise a draft',
      draft,
      { type: 'revise', text, commentPeriodDays: 3 },
      t0,
      'error-standard-transition',
    ],
    ['reopen returned', returned, { type: 'reopen' }, t0, 'error-standard-transition'],
    ['edit too long', draft, { type: 'edit', text: '岗'.repeat(1001) }, t0, 'error-standard-text-too-long'],
  ])('%s → %s', (_name, state, event, now, key) => {
    const result = transitionStandard(state, event, now);
    expect(!result.ok && result.error.key).toBe(key);
  });
});

describe('isCommentOpen / validateComment', () => {
  it.each([
    [commenting, t0, true],
    [commenting, at(71.99), true],
    [commenting, at(72), false],
    [draft, t0, false],
    [approved, t0, false],
  ])('%#: open=%s', (state, now, open) => {
    expect(isCommentOpen(state, now)).toBe(open);
  });

  it.each([
    [commenting, at(1), '建议增加午间不打烊服务', true, undefined],
    [commenting, at(1), '好'.repeat(501), false, 'error-comment-too-long'],
    [commenting, at(72), '迟到的意见', false, 'error-standard-comment-closed'],
  ])('%#', (state, now, comment, valid, key) => {
    const result = validateComment(state, comment, now);
    expect(result.ok).toBe(valid);
    if (!result.ok) expect(result.error.key).toBe(key);
  });
});
