/** Filter compilation (mingo + BSON-aware comparison operators), projection and pipelines. */
import { Context, ProcessingMode } from 'mingo';
import type { Options } from 'mingo/types';
import { Query } from 'mingo/query';
import { Aggregator } from 'mingo/aggregator';
import { Lazy, type Iterator } from 'mingo/lazy';
import * as accumulatorOps from 'mingo/operators/accumulator';
import * as expressionOps from 'mingo/operators/expression';
import * as pipelineOps from 'mingo/operators/pipeline';
import * as projectionOps from 'mingo/operators/projection';
import * as queryOpsBase from 'mingo/operators/query';
import * as windowOps from 'mingo/operators/window';
import type { Doc } from './codec.js';
import { badValue, MongoServerError, notSupported } from './errors.js';
import { checkFilterExpressions } from './expressions.js';
import { queryOps } from './query-ops.js';
import { sortDocs } from './sort.js';
import { rejectUnsupported } from './unsupported.js';

/** mingo's `$sort` stage does not follow BSON order across types; this one does. */
function $sort(coll: Iterator, sortKeys: Doc): Iterator {
  return coll.transform((docs) => Lazy(sortDocs(docs as Doc[], sortKeys)));
}

const context = Context.init({
  accumulator: accumulatorOps,
  expression: expressionOps,
  pipeline: { ...pipelineOps, $sort },
  projection: projectionOps,
  query: { ...queryOpsBase, ...queryOps },
  window: windowOps,
} as unknown as Parameters<typeof Context.init>[0]);

/** Does mingo have an operator of this name (query, expression, accumulator, projection, window)? */
export function mingoHasOperator(name: string): boolean {
  const types = ['query', 'expression', 'accumulator', 'projection', 'window'] as const;
  return types.some((t) => context.getOperator(t as never, name) !== null);
}

export function mingoOptions(extra: Partial<Options> = {}): Partial<Options> {
  return { context, useStrictMode: true, scriptEnabled: false, ...extra };
}

/**
 * The default options as mingo's own (unexported) ComputeOptions, built once: given plain options,
 * every Query copies all the operator tables into a new context (a visible cost per find);
 * given these, it only copies their (empty) locals. Falls back to plain options should mingo no
 * longer hand its options to query operators.
 */
const queryOptions: Partial<Options> = (() => {
  const plain = mingoOptions();
  let seen: unknown;
  const probe = Context.init({
    query: {
      $probe: (_selector: string, _value: unknown, options: unknown) => {
        seen = options;
        return () => true;
      },
    },
  } as unknown as Parameters<typeof Context.init>[0]);
  new Query({ x: { $probe: 1 } }, { ...plain, context: probe });
  const ctor = (seen as { constructor?: { init?: (o: Partial<Options>) => Partial<Options> } } | undefined)
    ?.constructor;
  return typeof ctor?.init === 'function' ? ctor.init(plain) : plain;
})();

function isEmpty(filter: Doc | undefined): boolean {
  if (!filter) return true;
  for (const _ in filter) return false;
  return true;
}

/** A top-level `$comment` labels the query (for logs) and matches everything; mingo lacks it. */
function withoutComment(filter: Doc): Doc {
  if (!('$comment' in filter)) return filter;
  const { $comment: _comment, ...rest } = filter;
  return rest;
}

/** Compiles a filter to a predicate; unknown operators throw a BadValue naming them. */
export function compileFilter(filter: Doc | undefined): (doc: Doc) => boolean {
  if (isEmpty(filter)) return () => true;
  rejectUnsupported(filter, 'a filter');
  checkFilterExpressions(filter, mingoHasOperator);
  let q: Query;
  try {
    q = new Query(withoutComment(filter as Doc), queryOptions);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const m = /(top level )?operator:? (\$\w+)/.exec(msg);
    throw badValue(m ? `unknown ${m[1] ?? ''}operator: ${m[2]}` : msg);
  }
  return (doc) => q.test(doc);
}

/**
 * What mingo answers differently in a find projection is refused: the positional `field.$` (it
 * gives nulls, not the matched element) and `$slice` (it drops the other fields, which MongoDB
 * keeps). Mixing inclusion and exclusion gets MongoDB's codes (mingo's error has none).
 */
function checkProjection(projection: Doc): void {
  let mode: { include: boolean; field: string } | undefined;
  for (const [k, v] of Object.entries(projection)) {
    if (k === '$' || k.endsWith('.$')) throw notSupported(`positional projection '${k}'`);
    if (v !== null && typeof v === 'object' && '$slice' in v) throw notSupported(`projection $slice (${k})`);
    if (k === '_id' || (v !== null && typeof v === 'object')) continue;
    const include = !(v === 0 || v === false);
    if (!mode) mode = { include, field: k };
    else if (mode.include !== include) {
      const [code, what, kind] = mode.include
        ? [31254, 'exclusion', 'inclusion']
        : [31253, 'inclusion', 'exclusion'];
      throw new MongoServerError(
        code,
        `Location${code}`,
        `Cannot do ${what} on field ${k} in ${kind} projection`,
      );
    }
  }
}

/** Applies a find projection via mingo; returns the docs unchanged when there is none. */
export function project(docs: Doc[], projection: Doc | undefined): Doc[] {
  if (isEmpty(projection)) return docs;
  rejectUnsupported(projection, 'a projection');
  checkProjection(projection as Doc);
  return new Query({}, queryOptions).find<Doc>(docs, projection).all();
}

/** Runs an aggregation pipeline on documents with mingo. */
export function runPipeline(
  docs: Doc[],
  pipeline: Doc[],
  resolveCollection: (name: string) => Doc[],
  cloneInput = false,
): Doc[] {
  const agg = new Aggregator(
    pipeline,
    mingoOptions({
      collectionResolver: resolveCollection,
      processingMode: cloneInput ? ProcessingMode.CLONE_INPUT : ProcessingMode.CLONE_OFF,
    }),
  );
  return agg.run(docs) as Doc[];
}

export { sortDocs };
