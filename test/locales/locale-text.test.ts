import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FluentResource } from '@fluent/bundle';
import { describe, expect, it } from 'vitest';
import { LOCALES_DIR } from '../../src/bot/i18n.js';
import { enTextProblems, variablesOf, textsOf, zhTextProblems } from './locale-text.js';

/** Every message and term of a locale, with its value and attributes, parsed by Fluent. */
function load(locale: string) {
  const dir = join(LOCALES_DIR, locale);
  const entries = new Map<string, unknown>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ftl')))
    for (const e of new FluentResource(readFileSync(join(dir, file), 'utf8')).body)
      entries.set(e.id, { value: e.value, attributes: e.attributes });
  return entries;
}

const zh = load('zh');
const en = load('en');

/*
 * The locale files checked as data: both languages say the same things (same keys, same
 * variables), English carries no Chinese characters or full-width punctuation, and Chinese uses
 * Chinese punctuation next to Chinese text. Variables are left out of the checks: names, branch
 * names and people's own words are whatever they are.
 */
describe('locale files as data', () => {
  it('have the same keys in both languages', () => {
    expect({
      onlyInZh: [...zh.keys()].filter((k) => !en.has(k)),
      onlyInEn: [...en.keys()].filter((k) => !zh.has(k)),
    }).toEqual({ onlyInZh: [], onlyInEn: [] });
  });

  it('use the same variables for a key in both languages', () => {
    const differ = [...zh.keys()]
      .filter((k) => en.has(k))
      .map((k) => ({ k, zh: variablesOf(zh.get(k)), en: variablesOf(en.get(k)) }))
      .filter((x) => x.zh.join() !== x.en.join())
      .map((x) => `${x.k}: zh {${x.zh.join(', ')}} en {${x.en.join(', ')}}`);
    expect(differ).toEqual([]);
  });

  it('write English without CJK characters or full-width punctuation outside variables', () => {
    const problems = [...en].flatMap(([k, e]) =>
      textsOf(e).flatMap((t) => enTextProblems(t).map((p) => `${k}: ${p}`)),
    );
    expect(problems).toEqual([]);
  });

  it('write Chinese with Chinese punctuation next to Chinese text', () => {
    const problems = [...zh].flatMap(([k, e]) =>
      textsOf(e).flatMap((t) => zhTextProblems(t).map((p) => `${k}: ${p}`)),
    );
    expect(problems).toEqual([]);
  });
});

describe('the locale text checks themselves', () => {
  it.each([
    ['Political thought 20, Work performance 20', 0],
    ['Political thought 20，Work performance 20', 1],
    ['Your result: 76（pass）', 2],
    ['请选择语言 / Choose', 5],
    ['Rated ★★★☆☆ — “quoted” · 09:00', 0],
  ])('English %j has %i problems', (text, n) => {
    expect(enTextProblems(text)).toHaveLength(n);
  });

  it.each([
    ['自评 80 × 20% · 群众测评 — × 0%', 0],
    ['已保存：100/100，谢谢。', 0],
    ['已保存: 100/100', 1],
    ['请发送新分数(0–100)', 2],
    ['好的, 下一步', 1],
    ['稍后再评.', 1],
    ['1. 张三（窗口1）09:00，如 7,1', 0],
    ['请选择语言 / Choose a language:', 0],
    ['发送 /rate 吗?', 1],
  ])('Chinese %j has %i problems', (text, n) => {
    expect(zhTextProblems(text)).toHaveLength(n);
  });

  it('cut variables out of the text and read select variants', () => {
    const [entry] = new FluentResource(
      'k = { $name }：{ $n ->\n    [one] 一项\n   *[other] { $n } 项，好\n}\n',
    ).body;
    expect(textsOf(entry)).toEqual(['：', '一项', ' 项，好']);
    expect(variablesOf(entry)).toEqual(['n', 'name']);
  });
});
