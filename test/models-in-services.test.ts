import { describe, expect, it } from 'vitest';
import { findInLayers, withoutComments } from './support/source-scan.js';

/**
 * Models are reached only from services (README, "Layout"): the bot layer, the dialogs and the
 * jobs ask a service, never the store. A model is used as `models.Member…` or taken out of the
 * models object (`const { Member } = models`); both are looked for, comments left out.
 */
const LAYERS = ['src/bot', 'scenes', 'jobs'];
/** The files allowed to, each with its reason. */
const ALLOWED: Record<string, string> = {
  'src/bot/dialog-storage.ts':
    "the conversations plugin's storage adapter: it is the dialogs' own store (a repo), not a use case",
};

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
    expect(findInLayers(LAYERS, ALLOWED, modelUses)).toEqual([]);
  });
});
