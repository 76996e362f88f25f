/**
 * MongoDB parses every expression of a command before it reads a document, so a name it does not
 * know fails (168) even on an empty collection; mingo only finds it when a document reaches it.
 * These walk the places expressions live (expression stages, `$expr` in filters, `$lookup`'s
 * `let`) and check every `$` key against what mingo runs. Refused names were named first (115).
 */
import type { Doc } from './codec.js';
import { MongoServerError } from './errors.js';
import { isPlainObject } from './paths.js';

export type KnownOperator = (name: string) => boolean;

/** Stages whose argument holds expressions (in projections, field specs or accumulators). */
const EXPRESSION_STAGES = new Set([
  '$project',
  '$addFields',
  '$set',
  '$replaceRoot',
  '$replaceWith',
  '$group',
  '$sortByCount',
  '$bucket',
  '$bucketAuto',
  '$redact',
  '$setWindowFields',
]);

/** In an expression every `$` key is an operator (field names there may not start with `$`). */
export function checkExpression(v: unknown, known: KnownOperator): void {
  if (Array.isArray(v)) {
    for (const el of v) checkExpression(el, known);
    return;
  }
  if (!isPlainObject(v)) return;
  for (const [k, sub] of Object.entries(v)) {
    if (k === '$literal') continue; // data, not expressions
    if (k.startsWith('$') && !known(k)) {
      throw new MongoServerError(168, 'InvalidPipelineOperator', `Unrecognized expression '${k}'`);
    }
    checkExpression(sub, known);
  }
}

/** The expressions of a filter: every `$expr`, also under `$and`, `$or`, `$nor` and `$elemMatch`. */
export function checkFilterExpressions(filter: unknown, known: KnownOperator): void {
  if (Array.isArray(filter)) {
    for (const el of filter) checkFilterExpressions(el, known);
    return;
  }
  if (!isPlainObject(filter)) return;
  for (const [k, sub] of Object.entries(filter)) {
    if (k === '$expr') checkExpression(sub, known);
    else checkFilterExpressions(sub, known);
  }
}

/** The expressions of one pipeline stage (nested pipelines are walked stage by stage by the caller). */
export function checkStageExpressions(name: string, arg: unknown, known: KnownOperator): void {
  if (EXPRESSION_STAGES.has(name)) checkExpression(arg, known);
  else if (name === '$match') checkFilterExpressions(arg, known);
  else if (name === '$lookup' && isPlainObject(arg)) checkExpression((arg as Doc).let, known);
}
