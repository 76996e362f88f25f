import { describe, expect, it } from 'vitest';
import { DOMAIN_ERROR_KEYS } from '../../src/domain/errors.js';
import { codePointLength, toHalfWidth, validateText } from '../../src/domain/text.js';

describe('codePointLength', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['我是党员', 4],
    ['𠮷野家', 3],
    ['👍🏽', 2],
  ])('%j has %i code points', (text, length) => {
    expect(codePointLength(text)).toBe(length);
  });
});

describe('toHalfWidth', () => {
  it.each([
    ['１２', '12'],
    ['２０２６－１０－０１', '2026-10-01'],
    ['a\u3000b', 'a b'],
    ['中文', '中文'],
  ])('%j → %j', (text, expected) => {
    expect(toHalfWidth(text)).toBe(expected);
  });
});

describe('validateText', () => {
  it.each([
    ['motto', '  我的岗位我示范  ', { ok: true, value: '我的岗位我示范' }],
    ['motto', '岗'.repeat(30), { ok: true }],
    ['motto', '𠮷'.repeat(30), { ok: true }],
    ['standard-text', '第一条\r\n第二条规范服务', { ok: true, value: '第一条\n第二条规范服务' }],
  ])('%s %j is accepted', (field, text, expected) => {
    expect(validateText(field as 'motto', text)).toMatchObject(expected);
  });

  it.each([
    ['motto', '岗'.repeat(31), 'error-motto-too-long', { max: 30, length: 31 }],
    ['motto', '   ', 'error-motto-too-short', { min: 1, length: 0 }],
    ['motto', '我的岗位\n我示范', 'error-motto-multiline', {}],
    ['real-name', 'a'.repeat(21), 'error-real-name-too-long', { max: 20 }],
    ['standard-text', '太短了', 'error-standard-text-too-short', { min: 10, length: 3 }],
    ['deed-what', '好', 'error-deed-what-too-short', { min: 2 }],
  ])('%s %j → %s', (field, text, key, params) => {
    const result = validateText(field as 'motto', text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.key).toBe(key);
    expect(result.error.params).toMatchObject(params);
    expect(DOMAIN_ERROR_KEYS).toContain(key);
  });
});

describe('DOMAIN_ERROR_KEYS', () => {
  it('are unique kebab-case keys starting with error-', () => {
    expect(new Set(DOMAIN_ERROR_KEYS).size).toBe(DOMAIN_ERROR_KEYS.length);
    for (const key of DOMAIN_ERROR_KEYS) expect(key).toMatch(/^error-[a-z]+(-[a-z]+)*$/);
  });
});
