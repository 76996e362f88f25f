import { describe, expect, it } from 'vitest';
import { parseExportArgs } from '../../src/bot/features/export.js';

describe('parseExportArgs', () => {
  it.each([
    ['', { kind: 'ledgers', period: '' }],
    ['2026', { kind: 'ledgers', period: '2026' }],
    ['pdf', { kind: 'cards', period: '' }],
    ['PDF @zhangsan 2026', { kind: 'cards', period: '2026', username: 'zhangsan' }],
    ['@zhangsan pdf', { kind: 'cards', period: '', username: 'zhangsan' }],
    ['@zhangsan 2026', { kind: 'cards', period: '2026', username: 'zhangsan' }],
    ['report 2026Q3', { kind: 'quarter', period: '2026Q3' }],
    ['季报 2026Q3', { kind: 'quarter', period: '2026Q3' }],
    ['2026 年', { kind: 'ledgers', period: '2026 年' }],
    ['评议 2026', { kind: 'appraisal', period: '2026' }],
    ['appraisal', { kind: 'appraisal', period: '' }],
    ['事迹 2026', { kind: 'compilation', period: '2026' }],
  ])('%j', (text, want) => {
    expect(parseExportArgs(text)).toEqual(want);
  });
});
