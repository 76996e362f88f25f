import { describe, expect, it } from 'vitest';
import { parseWhyArgs } from '../../src/bot/features/why.js';

describe('/why arguments', () => {
  it.each([
    ['', {}],
    ['@zhang', { username: 'zhang' }],
    ['2026-11', { month: '2026-11' }],
    ['2026-11 @zhang', { username: 'zhang', month: '2026-11' }],
    ['  @li   2026-02 ', { username: 'li', month: '2026-02' }],
    ['2026-13', { bad: '2026-13' }],
    ['十一月', { bad: '十一月' }],
  ])('%j → %j', (text, parsed) => {
    expect(parseWhyArgs(text)).toEqual(parsed);
  });
});
