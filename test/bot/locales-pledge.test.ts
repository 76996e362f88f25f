import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FluentBundle, FluentResource } from '@fluent/bundle';
import { LOCALES, LOCALES_DIR } from '../../src/i18n.js';
import { DOMAIN_ERROR_KEYS } from '../../src/domain/errors.js';
import { FEEDBACK_KINDS } from '../../src/domain/feedback.js';
import { LEADS } from '../../src/domain/pledge-item.js';
import { DEED_STATUSES } from '../../src/db/models/deed.js';

const ROOT = join(LOCALES_DIR, '../..');
/** The files of pledges, deeds, the feedback book, /ledger and /pending. */
const FILES = [
  'src/bot/features/pledge.ts',
  'src/bot/features/deed.ts',
  'src/bot/features/deed-review.ts',
  'src/bot/features/pledge-review.ts',
  'src/bot/features/feedback.ts',
  'src/bot/features/ledger.ts',
  'src/bot/features/pending.ts',
  'src/bot/pledge-posts.ts',
  'src/bot/deed-posts.ts',
  'src/bot/feedback-posts.ts',
  'src/bot/notify.ts',
  'src/bot/record-branch.ts',
  'src/bot/views/pledge.ts',
  'src/bot/views/feedback.ts',
  'scenes/pledge.ts',
  'scenes/pledge-ask.ts',
  'scenes/pledge-review.ts',
  'scenes/deed.ts',
  'scenes/feedback.ts',
];
const PREFIXES = /^(pledge|deed|feedback|ledger|pending|review|oral|record-card|button|choose|word|error)-/;
/** Quoted words of the same shape that are not message keys: dialog ids, decision kinds, text fields. */
const NOT_KEYS = new Set([
  'pledge-reason',
  'pledge-done',
  'feedback-handle',
  'pledge-return',
  'pledge-done-reject',
  'deed-reject',
  'pledge-text',
  'deed-what',
  'feedback-text',
]);

function keysOf(locale: string) {
  const dir = join(LOCALES_DIR, locale);
  const bundle = new FluentBundle(locale, { useIsolating: false });
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.ftl')))
    bundle.addResource(new FluentResource(readFileSync(join(dir, f), 'utf8')), { allowOverrides: true });
  return bundle;
}

/** Every quoted kebab-case key with a known prefix in the files above. */
function literalKeys(): string[] {
  const keys = new Set<string>();
  for (const file of FILES) {
    // The notify port's event keys (`notify.eventKey('pledge-returned', id)`, the sender queue's
    // natural key of a notice) are not message keys.
    const text = readFileSync(join(ROOT, file), 'utf8').replace(/eventKey\(\s*'[^']*'/g, 'eventKey(');
    for (const m of text.matchAll(/'([a-z]+(?:-[a-z0-9]+)+)'/g))
      if (PREFIXES.test(m[1]!) && !NOT_KEYS.has(m[1]!)) keys.add(m[1]!);
  }
  return [...keys];
}

const TEMPLATED = [
  ...LEADS.map((l) => `lead-${l}`),
  ...['draft', 'pending', 'approved', 'returned', 'claimed', 'done', 'overdue'].map(
    (s) => `pledge-status-${s}`,
  ),
  ...DEED_STATUSES.map((s) => `deed-status-${s}`),
  ...FEEDBACK_KINDS.map((k) => `feedback-kind-${k}`),
  ...['pledge-return', 'pledge-done-reject', 'deed-reject'].map((k) => `review-ask-reason-${k}`),
  ...['pledge', 'deed', 'ledger', 'feedback', 'pending', 'oralpledge'].map((c) => `cmd-${c}`),
];

describe('locales of pledges, deeds and the feedback book', () => {
  const bundles = Object.fromEntries(LOCALES.map((l) => [l, keysOf(l)]));

  it('define every key these features use, in both languages', () => {
    const used = [...literalKeys(), ...TEMPLATED];
    expect(used.length).toBeGreaterThan(120);
    for (const l of LOCALES)
      expect({ [l]: used.filter((k) => !bundles[l]!.hasMessage(k)) }).toEqual({ [l]: [] });
  });

  it('define every refusal the pledge, deed and feedback rules can give', () => {
    const keys = [
      ...DOMAIN_ERROR_KEYS.filter((k) => /^error-(pledge|deed|feedback|choose)-/.test(k)),
      'error-not-owner',
      'error-for-whom-too-short',
      'error-evidence-too-long',
      'error-outcome-too-short',
      'error-reject-reason-too-short',
      'error-return-reason-too-long',
    ];
    for (const l of LOCALES)
      expect({ [l]: keys.filter((k) => !bundles[l]!.hasMessage(k)) }).toEqual({ [l]: [] });
  });

  it('say the lead names the way the domain parses them (Chinese buttons are accepted as typed)', () => {
    const zh = bundles.zh!;
    for (const lead of LEADS) {
      const msg = zh.getMessage(`lead-${lead}`)!;
      expect(zh.formatPattern(msg.value!)).toMatch(/^带头/);
    }
  });
});
