import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FluentBundle, FluentResource } from '@fluent/bundle';
import { describe, expect, it } from 'vitest';
import { LOCALES_DIR } from '../../src/i18n.js';
import { enTextProblems, variablesOf, textsOf, zhSpacingProblems, zhTextProblems } from './locale-text.js';

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

/** Every message of a locale rendered as a reader sees it, each variable given `value`. */
function rendered(locale: string, value: (name: string) => string): [string, string][] {
  const bundle = new FluentBundle(locale, { useIsolating: false });
  const dir = join(LOCALES_DIR, locale);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ftl')))
    bundle.addResource(new FluentResource(readFileSync(join(dir, file), 'utf8')));
  const entries = locale === 'zh' ? zh : en;
  return [...entries]
    .filter(([k]) => !k.startsWith('-'))
    .map(([k, e]) => {
      const params = Object.fromEntries(variablesOf(e).map((v) => [v, value(v)]));
      return [k, bundle.formatPattern(bundle.getMessage(k)!.value!, params)];
    });
}

/** Variables that carry a word of the message's own language (a committee's kind: 党委), not data. */
const WORD_VARIABLES = new Set(['kind']);
const SAMPLE = 'Xy7';

describe('every message key rendered', () => {
  it('in English has no CJK character, whatever its variables hold', () => {
    const all = rendered('en', () => 'Sam 2026-11');
    expect(all.length).toBeGreaterThan(400);
    expect(all.flatMap(([k, t]) => enTextProblems(t).map((p) => `${k}: ${p}`))).toEqual([]);
  });

  it('in Chinese has Chinese punctuation and a space between Chinese and a Latin or numeric value', () => {
    const all = rendered('zh', (v) => (WORD_VARIABLES.has(v) ? '党委' : SAMPLE));
    const problems = all.flatMap(([k, t]) =>
      [...zhTextProblems(t), ...zhSpacingProblems(t, SAMPLE)].map((p) => `${k}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it.each([
    ['没有找到考评结果Xy7。', 1],
    ['没有找到 Xy7 的考评结果。', 0],
    ['Xy7：已保存（Xy7）', 0],
    ['Xy7的承诺', 1],
  ])('the spacing check finds in %j %i problems', (text, n) => {
    expect(zhSpacingProblems(text, SAMPLE)).toHaveLength(n);
  });
});
