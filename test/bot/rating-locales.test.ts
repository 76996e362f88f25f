import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FluentBundle, FluentResource } from '@fluent/bundle';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES, LOCALES_DIR } from '../../src/i18n.js';
import { DOMAIN_ERROR_KEYS } from '../../src/domain/errors.js';
import { DIMENSIONS } from '../../src/domain/rating.js';
import { SERVICE_ERROR_KEYS } from '../../src/services/errors.js';

const ROOT = join(LOCALES_DIR, '../..');
/** Files of the rating, reminder and announcement features whose literal keys must exist. */
const FILES = [
  'scenes/rating-sheet.ts',
  'scenes/rating-self.ts',
  'scenes/rating-ballot.ts',
  'scenes/rating-org.ts',
  'scenes/objection.ts',
  'scenes/comment.ts',
  'src/bot/rating-actions.ts',
  'src/bot/features/rating.ts',
  'src/bot/features/why.ts',
  'src/bot/features/pause.ts',
  'src/services/announcement.ts',
  'src/services/reminder-service.ts',
  'src/services/reminder-pledges.ts',
  'jobs/processors/round-open.ts',
  'jobs/deps.ts',
];

function ids(locale: string): Set<string> {
  const dir = join(LOCALES_DIR, locale);
  const out = new Set<string>();
  const bundle = new FluentBundle(locale);
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.ftl'))) {
    const res = new FluentResource(readFileSync(join(dir, f), 'utf8'));
    expect(bundle.addResource(res, { allowOverrides: true })).toEqual([]);
    for (const e of res.body) if ('id' in e && typeof e.id === 'string') out.add(e.id);
  }
  return out;
}

function usedKeys(): string[] {
  const keys = new Set<string>();
  for (const f of FILES) {
    const text = readFileSync(join(ROOT, f), 'utf8');
    for (const m of text.matchAll(
      /\bt\(\s*(?:[a-zA-Z.()!]+,\s*)?'([a-z][a-z0-9-]+)'|prompt: '([a-z][a-z0-9-]+)'|ServiceError\('([a-z0-9-]+)'|\['(rating-[a-z-]+)'/g,
    ))
      keys.add((m[1] ?? m[2] ?? m[3] ?? m[4])!);
  }
  return [...keys];
}

describe('rating and reminder locales', () => {
  const built = [
    ...DIMENSIONS.map((d) => `rating-dim-${d}`),
    ...['base', 'verifiedDeeds', 'pledgeItemsDone', 'praise', 'pledgeItemsOverdue', 'upheldComplaints'].map(
      (f) => `org-line-${f}`,
    ),
    ...['provisional', 'final'].map((s) => `why-status-${s}`),
    ...['rate', 'orgrate', 'object', 'comment', 'why', 'pause', 'resume', 'openround', 'closeround'].map(
      (c) => `cmd-${c}`,
    ),
  ];
  const mine = [
    ...SERVICE_ERROR_KEYS.filter((k) => /^error-(round|ballot|objection|result)-/.test(k)),
    ...DOMAIN_ERROR_KEYS.filter((k) => /^error-(rating|calendar)-/.test(k)),
  ];

  it.each(LOCALES)('%s defines every key the rating code uses', (locale) => {
    const have = ids(locale);
    const used = [...usedKeys(), ...built, ...mine];
    expect(used.length).toBeGreaterThan(70);
    expect(used.filter((k) => !have.has(k))).toEqual([]);
  });
});
