/** The aggregate command: stage checks, an index-using leading `$match`, then mingo. */
import type { Doc } from '../codec.js';
import { badValue, MongoServerError, notSupported } from '../errors.js';
import { cloneDoc } from '../paths.js';
import { findDocs } from '../planner.js';
import { runPipeline } from '../query.js';
import { optInt, rejectOptions, type CommandContext } from './context.js';

const SUPPORTED = new Set([
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
const UNSUPPORTED = new Set([
  '$out',
  '$merge',
  '$changeStream',
  '$geoNear',
  '$search',
  '$searchMeta',
  '$vectorSearch',
  '$collStats',
  '$indexStats',
  '$currentOp',
  '$listSessions',
  '$listLocalSessions',
  '$planCacheStats',
  '$listSearchIndexes',
  '$changeStreamSplitLargeEvent',
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
    if (UNSUPPORTED.has(name)) throw notSupported(`aggregation stage ${name}`);
    if (!SUPPORTED.has(name)) {
      throw new MongoServerError(40324, 'Location40324', `Unrecognized pipeline stage name: '${name}'`);
    }
    const arg = stage[name] as Doc;
    if (name === '$lookup' && Array.isArray(arg?.pipeline)) checkStages(arg.pipeline as Doc[], true);
    if (name === '$unionWith' && Array.isArray(arg?.pipeline)) checkStages(arg.pipeline as Doc[], true);
    if (name === '$facet') for (const p of Object.values(arg ?? {})) checkStages(p as Doc[], true);
    if (nested && name === '$documents') continue;
  }
}

export function runAggregate(cmd: Doc, { engine, db, cursors }: CommandContext) {
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
  rejectOptions(cmd, [], 'aggregate');
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
