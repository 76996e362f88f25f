/** Read commands: find, getMore, killCursors, count, distinct, aggregate. */
import { compareValues, MISSING } from '../bson-order.js';
import { badValue } from '../errors.js';
import { valueKey } from '../keys.js';
import { pathValues } from '../paths.js';
import { findDocs } from '../planner.js';
import { project, sortDocs } from '../query.js';
import { runAggregate } from './aggregate.js';
import { collName, optDoc, optInt, type Handler } from './context.js';
import { checkCommand } from './options.js';

export const readCommands: Record<string, Handler> = {
  find: (cmd, { engine, db, cursors }) => {
    const name = collName(cmd);
    checkCommand(cmd, 'find');
    const filter = optDoc(cmd.filter, 'filter');
    const sort = optDoc(cmd.sort, 'sort');
    const skip = optInt(cmd.skip) ?? 0;
    let limit = optInt(cmd.limit) ?? 0;
    let singleBatch = cmd.singleBatch === true;
    if (skip < 0) throw badValue('skip value must be non-negative');
    if (limit < 0) {
      limit = -limit;
      singleBatch = true;
    }
    const coll = engine.collection(db, name);
    const hasSort = sort && Object.keys(sort).length > 0;
    let docs = findDocs(coll, filter, hasSort || !limit ? Infinity : skip + limit);
    if (hasSort) docs = sortDocs(docs, sort);
    if (skip || limit) docs = docs.slice(skip, limit ? skip + limit : undefined);
    docs = project(docs, optDoc(cmd.projection, 'projection'));
    return cursors.first(`${db}.${name}`, docs, optInt(cmd.batchSize), singleBatch);
  },

  getmore: (cmd, { db, cursors }) => {
    const coll = cmd.collection;
    if (typeof coll !== 'string') throw badValue('getMore needs a collection name');
    return cursors.getMore(cmd.getMore, `${db}.${coll}`, optInt(cmd.batchSize));
  },

  killcursors: (cmd, { cursors }) => {
    if (!Array.isArray(cmd.cursors)) throw badValue('killCursors needs an array of cursor ids');
    return cursors.kill(cmd.cursors);
  },

  count: (cmd, { engine, db }) => {
    const name = collName(cmd);
    checkCommand(cmd, 'count');
    const skip = optInt(cmd.skip) ?? 0;
    const limit = Math.abs(optInt(cmd.limit) ?? 0);
    let n = findDocs(
      engine.collection(db, name),
      optDoc(cmd.query, 'query'),
      limit ? skip + limit : Infinity,
    ).length;
    n = Math.max(0, n - skip);
    return { n: limit ? Math.min(n, limit) : n, ok: 1 };
  },

  distinct: (cmd, { engine, db }) => {
    const name = collName(cmd);
    checkCommand(cmd, 'distinct');
    const key = cmd.key;
    if (typeof key !== 'string' || !key) throw badValue('distinct needs a key');
    const seen = new Map<string, unknown>();
    for (const doc of findDocs(engine.collection(db, name), optDoc(cmd.query, 'query'))) {
      for (const v of pathValues(doc, key)) {
        for (const el of Array.isArray(v) ? v : [v]) {
          if (el === MISSING) continue;
          const k = valueKey(el);
          if (!seen.has(k)) seen.set(k, el);
        }
      }
    }
    return { values: [...seen.values()].sort(compareValues), ok: 1 };
  },

  aggregate: (cmd, ctx) => runAggregate(cmd, ctx),
};
