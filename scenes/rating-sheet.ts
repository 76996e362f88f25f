import { DIMENSIONS, parseDimensionScore, type Dimension, type ScoreSheet } from '../src/domain/rating.js';
import type { DialogContext } from '../src/context.js';
import { ask, type Dialog } from './support/ask.js';

/** Asks the four dimensions (政治思想, 工作业绩, 优质服务, 示范作用) one by one, each 0..max. */
export async function askSheet(
  dialog: Dialog,
  ctx: DialogContext,
  max: number,
  name: string,
): Promise<ScoreSheet> {
  const sheet: Partial<Record<Dimension, number>> = {};
  for (const [i, d] of DIMENSIONS.entries()) {
    sheet[d] = await ask(dialog, ctx, {
      prompt: 'rating-ask-dimension',
      params: { n: i + 1, dimension: ctx.t(`rating-dim-${d}`), max, name },
      validate: (t) => parseDimensionScore(t, max),
    });
  }
  return sheet as ScoreSheet;
}
