/** The aggregate command: stage checks, an index-using leading `$match`, then mingo. */
import type { Doc } from '../codec.js';
import { badValue, MongoServerError, notSupported } from '../errors.js';
import { cloneDoc } from '../paths.js';
import { findDocs } from '../planner.js';
import { checkStageExpressions } from '../expressions.js';
import { mingoHasOperator, runPipeline } from '../query.js';
import { rejectUnsupported } from '../unsupported.js';
import { optInt, type CommandContext } from './context.js';
import { checkCommand } from './options.js';

/** MongoDB 7.0's `$group` accumulators (mingo has them all). */
const ACCUMULATORS = new Set([
  '$addToSet',
  '$avg',
  '$bottom',
  '$bottomN',
  '$count',
  '$first',
  '$firstN',
  '$last',
  '$lastN',
  '$max',
  '$maxN',
  '$median',
  '$mergeObjects',
  '$min',
  '$minN',
  '$percentile',
  '$push',
  '$stdDevPop',
  '$stdDevSamp',
  '$sum',
  '$top',
  '$topN',
]);

export const SUPPORTED_STAGES = new Set([
  '$addFields',
  '$bucket',
  '$bucketAuto',
  '$count',
  '$densify',
  '$documents',
  '$facet',
  '$fill',
  '$graphLookup',
  '$group',
  '$limit',
  '$lookup',
  '$match',
  '$project',
  '$redact',
  '$replaceRoot',
  '$replaceWith',
  '$sample',
  '$set',
  '$setWindowFields',
  '$skip',
  '$sort',
  '$sortByCount',
  '$unionWith',
  '$unset',
  '$unwind',
]);
/** Stages that never write into their input documents, so no defensive copy is needed. */
const NON_MUTATING = new Set([
  '$match',
  '$sort',
  '$skip',
  '$limit',
  '$group',
  '$count',
  '$project',
  '$sortByCount',
]);

function checkStages(pipeline: Doc[], nested = false): void {
  for (const stage of pipeline) {
    const keys = Object.keys(stage ?? {});
    if (keys.length !== 1)
      throw new MongoServerError(
        40323,
        'Location40323',
        'A pipeline stage specification object must contain exactly one field.',
      );
    const name = keys[0] as string;
    if (!SUPPORTED_STAGES.has(name)) {
      throw new MongoServerError(40324, 'Location40324', `Unrecognized pipeline stage name: '${name}'`);
    }
    const arg = stage[name] as Doc;
    if (name === '$group') checkAccumulators(arg);
    checkStageExpressions(name, arg, mingoHasOperator);
    if (name === '$lookup' && Array.isArray(arg?.pipeline)) checkStages(arg.pipeline as Doc[], true);
    if (name === '$unionWith' && Array.isArray(arg?.pipeline)) checkStages(arg.pipeline as Doc[], true);
    if (name === '$facet') for (const p of Object.values(arg ?? {})) checkStages(p as Doc[], true);
    if (nested && name === '$documents') continue;
  }
}

/** MongoDB parses a `$group` before running it: an unknown accumulator fails even on no input. */
function checkAccumulators(group: Doc): void {
  for (const [field, spec] of Object.entries(group ?? {})) {
    if (field === '_id') continue;
    const op = spec && typeof spec === 'object' ? Object.keys(spec as Doc)[0] : undefined;
    if (op === undefined || !op.startsWith('$')) {
      throw new MongoServerError(
        40234,
        'Location40234',
        `The field '${field}' must be an accumulator object`,
      );
    }
    if (!ACCUMULATORS.has(op)) {
      throw new MongoServerError(15952, 'Location15952', `unknown group operator '${op}'`);
    }
  }
}

export function runAggregate(cmd: Doc, { engine, db, cursors }: CommandContext) {
  checkCommand(cmd, 'aggregate');
  const target = cmd.aggregate;
  const pipeline = cmd.pipeline;
  if (!Array.isArray(pipeline)) throw badValue("'pipeline' option must be specified as an array");
  if (!cmd.cursor || typeof cmd.cursor !== 'object') {
    throw new MongoServerError(
      9,
      'FailedToParse',
      "The 'cursor' option is required, except for aggregate with the explain argument",
    );
  }
  rejectUnsupported(pipeline, 'a pipeline');
  checkStages(pipeline as Doc[]);
  let stages = pipeline as Doc[];
  let input: Doc[] = [];
  let ns: string;
  if (typeof target === 'string') {
    ns = `${db}.${target}`;
    const first = stages[0];
    if (first && '$match' in first) {
      input = findDocs(engine.collection(db, target), first.$match as Doc);
      stages = stages.slice(1);
    } else {
      input = findDocs(engine.collection(db, target), {});
    }
  } else if (target === 1) {
    ns = `${db}.$cmd.aggregate`;
    if (!('$documents' in (stages[0] ?? {}))) throw notSupported('aggregate: 1 without $documents');
  } else {
    throw badValue('aggregate needs a collection name or 1');
  }
  const clone = stages.some((s) => !NON_MUTATING.has(Object.keys(s)[0] as string));
  const resolve = (name: string) => {
    const docs = findDocs(engine.collection(db, name), {});
    return clone ? docs.map(cloneDoc) : docs;
  };
  const out = stages.length ? runPipeline(input, stages, resolve, clone) : input;
  return cursors.first(ns, out, optInt((cmd.cursor as Doc).batchSize));
}
