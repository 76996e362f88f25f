/**
 * The MongoDB 7.0 stages and operators the embedded server does not implement. Each is refused
 * with 115 CommandNotSupported naming it, wherever it appears (filter, projection, pipeline,
 * update), before any document is read: on an empty collection too. The README's store section
 * lists the same names (a test checks it), and a test checks that no product query uses one.
 */
import type { Doc } from './codec.js';
import { notSupported } from './errors.js';

export const UNSUPPORTED_STAGES = [
  '$out',
  '$merge',
  '$changeStream',
  '$changeStreamSplitLargeEvent',
  '$geoNear',
  '$search',
  '$searchMeta',
  '$vectorSearch',
  '$listSearchIndexes',
  '$collStats',
  '$indexStats',
  '$currentOp',
  '$listSessions',
  '$listLocalSessions',
  '$planCacheStats',
  '$shardedDataDistribution',
];

/** Text and geo search, server-side JavaScript, schema validation and sampling in a filter. */
export const UNSUPPORTED_QUERY_OPERATORS = [
  '$text',
  '$near',
  '$nearSphere',
  '$geoWithin',
  '$geoIntersects',
  '$where',
  '$jsonSchema',
  '$sampleRate',
];

/**
 * Expressions mingo lacks or computes differently from MongoDB: JavaScript, search metadata,
 * ObjectId conversion, BSON sizes, timestamps, and the hashed-index key (MongoDB's own hash).
 */
export const UNSUPPORTED_EXPRESSION_OPERATORS = [
  '$function',
  '$accumulator',
  '$meta',
  '$toObjectId',
  '$bsonSize',
  '$binarySize',
  '$tsIncrement',
  '$tsSecond',
  '$toHashedIndexKey',
];

export const REFUSED = new Set([
  ...UNSUPPORTED_STAGES,
  ...UNSUPPORTED_QUERY_OPERATORS,
  ...UNSUPPORTED_EXPRESSION_OPERATORS,
]);

/** Throws 115 naming the first refused stage or operator found anywhere in `spec`. */
export function rejectUnsupported(spec: unknown, where: string): void {
  if (Array.isArray(spec)) {
    for (const v of spec) rejectUnsupported(v, where);
    return;
  }
  if (spec === null || typeof spec !== 'object' || '_bsontype' in spec) return;
  if (spec instanceof Date || spec instanceof RegExp || spec instanceof Uint8Array) return;
  for (const [k, v] of Object.entries(spec as Doc)) {
    if (k === '$literal') continue; // a literal's keys are data, not operators
    if (REFUSED.has(k)) throw notSupported(`${kindOf(k)} ${k} (in ${where})`);
    rejectUnsupported(v, where);
  }
}

function kindOf(name: string): string {
  if (UNSUPPORTED_STAGES.includes(name)) return 'aggregation stage';
  return UNSUPPORTED_QUERY_OPERATORS.includes(name) ? 'query operator' : 'expression operator';
}
