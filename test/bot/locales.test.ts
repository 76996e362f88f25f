import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FluentBundle, FluentResource } from '@fluent/bundle';
import { COMMANDS, HELP_BY_ROLE } from '../../src/bot/commands.js';
import { LOCALES, LOCALES_DIR } from '../../src/i18n.js';
import { DOMAIN_ERROR_KEYS } from '../../src/domain/errors.js';
import { validateField } from '../../src/domain/member.js';
import { SETTINGS_KEYS } from '../../src/domain/settings-patch.js';
import { SERVICE_ERROR_KEYS } from '../../src/services/errors.js';

/** Messages of one locale, file by file, parsed by Fluent itself (a syntax error shows up as a failure). */
function load(locale: string) {
  const dir = join(LOCALES_DIR, locale);
  const files = readdirSync(dir).filter((f) => f.endsWith('.ftl'));
  const ids = new Map<string, string[]>();
  const bundle = new FluentBundle(locale, { useIsolating: false });
  const syntax: string[] = [];
  for (const file of files) {
    const resource = new FluentResource(readFileSync(join(dir, file), 'utf8'));
    for (const err of bundle.addResource(resource, { allowOverrides: true }))
      syntax.push(`${file}: ${err.message}`);
    for (const entry of resource.body) {
      if (!('id' in entry) || typeof entry.id !== 'string' || entry.id.startsWith('-')) continue;
      ids.set(entry.id, [...(ids.get(entry.id) ?? []), file]);
    }
  }
  return { ids, bundle, syntax };
}

/** Names of the `$variables` a parsed pattern refers to. */
function variablesOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) variablesOf(n, out);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'var' && typeof o.name === 'string') out.push(o.name);
    for (const v of Object.values(o)) variablesOf(v, out);
  }
  return out;
}

const loaded = Object.fromEntries(LOCALES.map((l) => [l, load(l)]));
const zh = loaded.zh!;
const en = loaded.en!;

/** Keys my part of the code builds from data rather than writing literally. */
const TEMPLATED = [
  ...COMMANDS.group.map((c) => `cmd-${c}`),
  ...COMMANDS.private.map((c) => `cmd-${c}`),
  ...Object.values(HELP_BY_ROLE)
    .flat()
    .map((c) => `cmd-${c}`),
  ...SETTINGS_KEYS.map((k) => `settings-desc-${k}`),
  ...['realName', 'post', 'unit', 'membership', 'isLeading', 'isElderly', 'motto'].map(
    (f) => `join-ask-${f}`,
  ),
  ...['pending-confirmation', 'active', 'left'].map((s) => `status-${s}`),
  ...['full', 'probationary'].map((m) => `membership-${m}`),
  ...['masses', 'member', 'committee', 'secretary'].flatMap((r) => [`help-role-${r}`, `help-section-${r}`]),
  ...['draft', 'approved', 'returned'].map((s) => `standard-current-${s}`),
];

/** Source files of branch, member, standard, settings and help; keys written literally in them must exist. */
const SOURCES = ['src/bot', 'src/bot/features', 'src/bot/views', 'scenes', 'scenes/support'];
const MINE =
  /^(admins|branch-t|commands|create-bot|error-boundary|guards|roles|roster-board|standard-posts|branch|group|help|member|start|standard|settings|fallback|card|bind|join|ask)\.ts$/;

function literalKeys(): Set<string> {
  const root = join(LOCALES_DIR, '../..');
  const keys = new Set<string>();
  for (const dir of SOURCES) {
    for (const file of readdirSync(join(root, dir)).filter((f) => MINE.test(f))) {
      const text = readFileSync(join(root, dir, file), 'utf8');
      for (const m of text.matchAll(
        /\bt\(\s*'([a-z][a-z0-9-]+)'|prompt: '([a-z][a-z0-9-]+)'|ServiceError\('([a-z0-9-]+)'/g,
      ))
        keys.add((m[1] ?? m[2] ?? m[3])!);
    }
  }
  return keys;
}

/** Refusals of branches, members, standards and settings (the rest of SERVICE_ERROR_KEYS is others'). */
const OWN_SERVICE_KEYS = SERVICE_ERROR_KEYS.filter((k) =>
  /^error-(branch|not-chat-admin|secretary-only|reviewer-only|appoint|unappoint|action-unavailable|user-unknown|private-only|group-only|not-in-group|not-member|already-member|review-own|standard|no-branch)/.test(
    k,
  ),
);

describe('locales', () => {
  it('parse without Fluent errors', () => {
    expect(zh.syntax).toEqual([]);
    expect(en.syntax).toEqual([]);
  });

  it('have the same keys in Chinese and English', () => {
    const missingInEn = [...zh.ids.keys()].filter((k) => !en.ids.has(k));
    const missingInZh = [...en.ids.keys()].filter((k) => !zh.ids.has(k));
    expect({ missingInEn, missingInZh }).toEqual({ missingInEn: [], missingInZh: [] });
    expect(zh.ids.size).toBeGreaterThan(100);
  });

  it('define no key twice (a later file would silently override an earlier one)', () => {
    for (const { ids } of [zh, en]) {
      const twice = [...ids]
        .filter(([, files]) => files.length > 1)
        .map(([k, files]) => `${k}: ${files.join(', ')}`);
      expect(twice).toEqual([]);
    }
  });

  it('define every key the code uses, literally or built from data', () => {
    const used = [...literalKeys(), ...TEMPLATED];
    expect(used.length).toBeGreaterThan(80);
    for (const { ids } of [zh, en]) expect(used.filter((k) => !ids.has(k))).toEqual([]);
  });

  it('define every refusal a domain rule or a service can give (own features)', () => {
    const domain = DOMAIN_ERROR_KEYS.filter(
      (k) => /^error-(settings|member|standard)-/.test(k) || /-(too-long|too-short|multiline)$/.test(k),
    );
    const keys = [...domain, ...OWN_SERVICE_KEYS];
    expect(OWN_SERVICE_KEYS.length).toBeGreaterThan(20);
    for (const { ids } of [zh, en]) expect(keys.filter((k) => !ids.has(k))).toEqual([]);
  });

  it('format every message with sample values without errors', () => {
    for (const { bundle, ids } of [zh, en]) {
      const errors: string[] = [];
      for (const id of ids.keys()) {
        const msg = bundle.getMessage(id);
        if (!msg?.value) {
          errors.push(`${id}: no value`);
          continue;
        }
        const errs: Error[] = [];
        const params = Object.fromEntries(variablesOf(msg.value).map((v) => [v, `<${v}>`]));
        bundle.formatPattern(msg.value, params, errs);
        for (const e of errs) errors.push(`${id}: ${e.message}`);
      }
      expect(errors).toEqual([]);
    }
  });

  it("make choice buttons the join dialog's parser understands, in both languages", () => {
    for (const { bundle } of [zh, en]) {
      const text = (id: string) => bundle.formatPattern(bundle.getMessage(id)!.value!);
      expect(validateField('membership', text('membership-full'))).toEqual({ ok: true, value: 'full' });
      expect(validateField('membership', text('membership-probationary'))).toEqual({
        ok: true,
        value: 'probationary',
      });
      expect(validateField('isLeading', text('word-yes'))).toEqual({ ok: true, value: true });
      expect(validateField('isElderly', text('word-no'))).toEqual({ ok: true, value: false });
    }
  });
});
