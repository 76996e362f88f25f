import { describe, expect, it } from 'vitest';
import {
  handleFeedback,
  parseFeedbackKind,
  validateFeedback,
  visibleToMember,
  type Feedback,
} from '../../src/domain/feedback.js';

const now = new Date('2026-05-01T02:00:00Z');

describe('parseFeedbackKind', () => {
  it.each([
    ['表扬', 'praise'],
    ['Praise', 'praise'],
    [' 建议 ', 'suggestion'],
    ['投诉', 'complaint'],
    ['complaint', 'complaint'],
  ])('%j → %s', (text, kind) => {
    expect(parseFeedbackKind(text)).toEqual({ ok: true, value: kind });
  });
  it.each(['批评', '', 'praises'])('%j is rejected', (text) => {
    const result = parseFeedbackKind(text);
    expect(!result.ok && result.error.key).toBe('error-feedback-bad-kind');
  });
});

describe('validateFeedback', () => {
  const base = { kind: 'complaint', text: '窗口办事太慢', senderUserId: 77, aboutMemberId: 'm1' } as const;
  it('anonymous entries drop the sender', () => {
    const result = validateFeedback({ ...base, anonymous: true });
    expect(result.ok && result.value).toEqual({
      kind: 'complaint',
      text: '窗口办事太慢',
      aboutMemberId: 'm1',
      author: { anonymous: true },
    });
    expect(JSON.stringify(result)).not.toContain('77');
  });
  it('named entries keep the sender; the member is optional', () => {
    const { aboutMemberId: _, ...noMember } = base;
    const result = validateFeedback({ ...noMember, anonymous: false });
    expect(result.ok && result.value).toEqual({
      kind: 'complaint',
      text: '窗口办事太慢',
      author: { anonymous: false, senderUserId: 77 },
    });
  });
  it.each([
    ['好', 'error-feedback-text-too-short'],
    ['好'.repeat(501), 'error-feedback-text-too-long'],
  ])('text %j → %s', (text, key) => {
    const result = validateFeedback({ ...base, text, anonymous: true });
    expect(!result.ok && result.error.key).toBe(key);
  });
});

describe('handleFeedback and visibility to the member', () => {
  const open = (kind: Feedback['kind']): Feedback => ({
    id: 'f1',
    kind,
    text: '服务热情',
    aboutMemberId: 'm1',
    author: { anonymous: true },
    status: 'open',
  });
  it.each([
    ['praise', undefined, { status: 'handled', outcome: '已转达', handledAt: now }],
    ['complaint', true, { status: 'handled', upheld: true }],
    ['complaint', undefined, { status: 'handled', upheld: false }],
    ['suggestion', undefined, { status: 'handled' }],
  ] as const)('%s upheld=%s', (kind, upheld, expected) => {
    const result = handleFeedback(open(kind), ' 已转达 ', now, upheld);
    expect(result.ok && result.value).toMatchObject(expected);
    expect(result.ok && result.value.author).toEqual({ anonymous: true });
  });
  it.each([
    [open('praise'), '已转达', true, 'error-feedback-upheld-only-complaint'],
    [open('complaint'), '', undefined, 'error-outcome-too-short'],
    [
      { ...open('complaint'), status: 'handled', outcome: 'x', handledAt: now } as Feedback,
      'y',
      undefined,
      'error-feedback-transition',
    ],
  ])('%#: → %s', (fb, outcome, upheld, key) => {
    const result = handleFeedback(fb, outcome, now, upheld);
    expect(!result.ok && result.error.key).toBe(key);
  });
  it.each([
    ['praise', 'open', true],
    ['praise', 'handled', true],
    ['complaint', 'open', false],
    ['complaint', 'handled', true],
    ['suggestion', 'open', false],
    ['suggestion', 'handled', false],
  ] as const)('%s %s visible=%s', (kind, status, visible) => {
    expect(visibleToMember({ kind, status })).toBe(visible);
  });
});
