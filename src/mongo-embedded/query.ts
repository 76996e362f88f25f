/** Filter compilation (mingo + BSON-aware comparison operators), sort and projection. */
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
import { compareValues, MISSING } from './bson-order.js';
import { badValue, notSupported } from './errors.js';
import { pathValues } from './paths.js';
import { queryOps } from './query-ops.js';
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

/** Sorts in place by a sort spec using BSON order (arrays sort by min asc / max desc). */
export function sortDocs(docs: Doc[], sort: Doc | undefined): Doc[] {
  if (isEmpty(sort)) return docs;
  if ('$natural' in (sort as Doc)) {
    if (Object.keys(sort as Doc).length > 1)
      throw badValue('$natural sort cannot be combined with other fields');
    return Number((sort as Doc).$natural) < 0 ? docs.reverse() : docs;
  }
  const spec = Object.entries(sort as Doc).map(([path, dir]) => {
    if (typeof dir === 'object' && dir !== null) throw notSupported(`sort by $meta (${path})`);
    const d = Number(dir);
    if (d !== 1 && d !== -1) throw badValue(`Invalid sort direction for ${path}: ${String(dir)}`);
    return { path, dir: d };
  });
  const keyCache = new Map<Doc, unknown[]>();
  const keyOf = (doc: Doc): unknown[] => {
    let k = keyCache.get(doc);
    if (!k) {
      k = spec.map(({ path, dir }) => sortKey(pathValues(doc, path), dir));
      keyCache.set(doc, k);
    }
    return k;
  };
  return docs.sort((a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    for (let i = 0; i < spec.length; i++) {
      const c = compareSortKeys(ka[i], kb[i]);
      if (c) return c * (spec[i] as { dir: number }).dir;
    }
    return 0;
  });
}

const EMPTY_ARRAY = Symbol('emptyArray');

function sortKey(values: unknown[], dir: number): unknown {
  const flat = values.flatMap((v) => (Array.isArray(v) ? (v.length ? v : [EMPTY_ARRAY]) : [v]));
  let best: unknown = flat[0];
  for (const v of flat.slice(1)) {
    const c = compareSortKeys(v, best);
    if ((dir > 0 && c < 0) || (dir < 0 && c > 0)) best = v;
  }
  return best === undefined ? MISSING : best;
}

/** Empty arrays sort below null/missing, as in MongoDB. */
function compareSortKeys(a: unknown, b: unknown): number {
  if (a === EMPTY_ARRAY || b === EMPTY_ARRAY) return a === b ? 0 : a === EMPTY_ARRAY ? -1 : 1;
  return compareValues(a, b);
}

/** Applies a find projection via mingo; returns the docs unchanged when there is none. */
export function project(docs: Doc[], projection: Doc | undefined): Doc[] {
  if (isEmpty(projection)) return docs;
  rejectUnsupported(projection, 'a projection');
  for (const k of Object.keys(projection as Doc)) {
    // mingo answers the positional projection with nulls instead of the matched element.
    if (k === '$' || k.endsWith('.$')) throw notSupported(`positional projection '${k}'`);
  }
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
