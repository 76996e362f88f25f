import { describe, expect, it } from 'vitest';
import { findInLayers, withoutComments } from '../support/source-scan.js';

/**
 * A dialog reaches services only through `act` (scenes/support/act.ts): the conversations plugin's
 * own `external` clones what a call threw, and the clone of a refusal is an unknown error (the
 * person reads "处理时出错了" instead of the reason). The e2e case "own feedback" in
 * test/e2e/own-records.test.ts shows the refusal arriving; this keeps every dialog on that path.
 */
const external = (code: string) =>
  [...withoutComments(code).matchAll(/\.\s*external\s*\(/g)].map((m) => m[0].replace(/\s+/g, ''));

describe('dialogs call services through act()', () => {
  it('finds external calls the way they are written', () => {
    expect(external('await dialog.external(() => x())')).toEqual(['.external(']);
    expect(external('await dialog\n  .external({ task })')).toEqual(['.external(']);
    expect(external('// dialog.external(x)\nawait act(dialog, () => x())')).toEqual([]);
  });

  it('no scene calls external itself', () => {
    expect(
      findInLayers(['scenes', 'src/bot'], { 'scenes/support/act.ts': 'the one wrapper' }, external),
    ).toEqual([]);
  });
});
