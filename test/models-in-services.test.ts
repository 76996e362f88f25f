import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Models are reached only from services (README, "Layout"): the bot layer, the dialogs and the
 * jobs ask a service, never the store. A model is used as `models.Member…` or taken out of the
 * models object (`const { Member } = models`); both are looked for, comments left out.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LAYERS = ['src/bot', 'scenes', 'jobs'];
/** The files allowed to, each with its reason. */
const ALLOWED: Record<string, string> = {
  'src/bot/dialog-storage.ts':
    "the conversations plugin's storage adapter: it is the dialogs' own store (a repo), not a use case",
};

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (p.endsWith('.ts')) out.push(relative(ROOT, p));
  }
  return out;
}

const withoutComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
const MODEL_USE = [/\bmodels\.[A-Z]\w*/g, /\{[^}]*\}\s*=\s*(?:\w+\.)?models\b/g];

/** Each use of a model in `code`, as written. */
export function modelUses(code: string): string[] {
  const text = withoutComments(code);
  return MODEL_USE.flatMap((re) => [...text.matchAll(re)].map((m) => m[0]));
}

describe('models only in services', () => {
  it('finds model uses the way they are written (and not in comments)', () => {
    expect(modelUses('await models.Branch.find({})')).toEqual(['models.Branch']);
    expect(modelUses('await deps.models.RatingRound.updateOne()')).toEqual(['models.RatingRound']);
    expect(modelUses('const { Member, Branch } = deps.models;')).toEqual([
      '{ Member, Branch } = deps.models',
    ]);
    expect(modelUses('// models.Branch is read by the service\n/* models.Member */')).toEqual([]);
    expect(modelUses('createServices({ models: opts.models, clock })')).toEqual([]);
  });

  it('src/bot, scenes and jobs reach no model directly', () => {
    const found = LAYERS.flatMap((d) => sourceFiles(join(ROOT, d)))
      .filter((f) => !(f in ALLOWED))
      .flatMap((f) => modelUses(readFileSync(join(ROOT, f), 'utf8')).map((u) => `${f}: ${u}`));
    expect(found).toEqual([]);
  });
});
