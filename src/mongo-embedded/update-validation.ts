/**
 * An update document checked before any document is touched: its kind (operators when the first
 * field is `$`-prefixed, else a replacement; an array is a pipeline), the operators and pipeline
 * stages MongoDB allows in it, and what the embedded server refuses (115).
 */
import type { Doc } from './codec.js';
import { MongoServerError, failedToParse, notSupported } from './errors.js';
import { isPlainObject } from './paths.js';
import { checkStageExpressions } from './expressions.js';
import { mingoHasOperator } from './query.js';
import { rejectUnsupported } from './unsupported.js';

export const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$currentDate',
  '$push',
  '$addToSet',
  '$pop',
  '$pull',
  '$pullAll',
  '$bit',
  '$setOnInsert',
]);

export type UpdateSpec = Doc | Doc[];

const PIPELINE_UPDATE_STAGES = new Set([
  '$addFields',
  '$set',
  '$project',
  '$unset',
  '$replaceRoot',
  '$replaceWith',
]);

/** As in MongoDB, the first field decides: `$`-prefixed means operators, else a replacement. */
export function isOperatorUpdate(u: UpdateSpec): boolean {
  if (Array.isArray(u)) return false;
  for (const k in u) return k.startsWith('$');
  return false;
}

/** Validates an update document before any document is touched. */
export function validateUpdate(u: UpdateSpec): void {
  if (Array.isArray(u)) {
    for (const stage of u) {
      const name = Object.keys(stage ?? {})[0] ?? '';
      if (!PIPELINE_UPDATE_STAGES.has(name)) {
        throw new MongoServerError(
          72,
          'InvalidOptions',
          `${name} is not allowed to be used within an update`,
        );
      }
    }
    rejectUnsupported(u, 'an update pipeline');
    for (const stage of u)
      for (const [name, arg] of Object.entries(stage)) checkStageExpressions(name, arg, mingoHasOperator);
    return;
  }
  if (!isPlainObject(u)) throw failedToParse('Update argument must be either an object or an array');
  // A replacement's `$`-prefixed names are checked on the stored result (storage-validation.ts).
  if (!isOperatorUpdate(u)) return;
  for (const [op, arg] of Object.entries(u)) {
    if (!UPDATE_OPERATORS.has(op)) {
      throw failedToParse(
        `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    if (!isPlainObject(arg))
      throw failedToParse(`Modifiers operate on fields but we found type ${typeof arg} instead.`);
    if (op === '$currentDate') checkCurrentDate(arg);
    if (op === '$pull') rejectUnsupported(arg, '$pull');
  }
}

/** mingo writes milliseconds where `{$type: 'timestamp'}` asks for a BSON Timestamp. */
function checkCurrentDate(arg: Doc): void {
  for (const [path, spec] of Object.entries(arg)) {
    if (isPlainObject(spec) && spec.$type === 'timestamp')
      throw notSupported(`$currentDate with $type 'timestamp' (${path})`);
  }
}
