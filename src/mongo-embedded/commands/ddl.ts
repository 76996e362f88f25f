/** Namespace and index commands. */
import type { Doc } from '../codec.js';
import { ID_INDEX } from '../collection.js';
import { MongoServerError, badValue, notSupported } from '../errors.js';
import type { IndexSpec } from '../indexes.js';
import { compileFilter } from '../query.js';
import { collName, type Handler } from './context.js';

const CREATE_OPTIONS = new Set([
  'create',
  '$db',
  'lsid',
  '$clusterTime',
  'writeConcern',
  'comment',
  '$readPreference',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
  'maxTimeMS',
]);
/** MongoDB's collection options: capped, validated, views, time series, clustered, collation… */
const REFUSED_CREATE_OPTIONS = new Set([
  'capped',
  'size',
  'max',
  'autoIndexId',
  'storageEngine',
  'validator',
  'validationLevel',
  'validationAction',
  'indexOptionDefaults',
  'viewOn',
  'pipeline',
  'collation',
  'timeseries',
  'expireAfterSeconds',
  'clusteredIndex',
  'changeStreamPreAndPostImages',
  'encryptedFields',
  'idIndex',
  'flags',
  'temp',
]);

function nsNotFound(ns: string): MongoServerError {
  return new MongoServerError(26, 'NamespaceNotFound', `ns does not exist: ${ns}`);
}

export const ddlCommands: Record<string, Handler> = {
  create: async (cmd, { engine, db }) => {
    for (const k of Object.keys(cmd)) {
      if (CREATE_OPTIONS.has(k)) continue;
      if (REFUSED_CREATE_OPTIONS.has(k)) throw notSupported(`create option '${k}'`);
      throw new MongoServerError(40415, 'Location40415', `BSON field 'create.${k}' is an unknown field.`);
    }
    engine.create(db, collName(cmd), {});
    await engine.commit();
    return { ok: 1 };
  },

  drop: async (cmd, { engine, db }) => {
    const name = collName(cmd);
    const coll = engine.collection(db, name);
    const nIndexesWas = coll ? coll.indexes.size + 1 : 0;
    engine.drop(db, name);
    await engine.commit();
    return coll ? { nIndexesWas, ns: `${db}.${name}`, ok: 1 } : { ok: 1 };
  },

  dropdatabase: async (_cmd, { engine, db }) => {
    engine.dropDatabase(db);
    await engine.commit();
    return { dropped: db, ok: 1 };
  },

  listcollections: (cmd, { engine, db, cursors }) => {
    const match = compileFilter(cmd.filter as Doc | undefined);
    const nameOnly = cmd.nameOnly === true;
    const docs = [...(engine.dbs.get(db)?.values() ?? [])]
      .map((c) =>
        nameOnly
          ? { name: c.name, type: 'collection' }
          : {
              name: c.name,
              type: 'collection',
              options: c.options,
              info: { readOnly: false },
              idIndex: ID_INDEX,
            },
      )
      .filter((d) => match(d));
    const batchSize = (cmd.cursor as Doc | undefined)?.batchSize as number | undefined;
    return cursors.first(`${db}.$cmd.listCollections`, docs, batchSize);
  },

  createindexes: async (cmd, { engine, db }) => {
    const name = collName(cmd);
    const specs = cmd.indexes;
    if (!Array.isArray(specs) || !specs.length) throw badValue('Must specify at least one index to create');
    const created = !engine.collection(db, name);
    const coll = engine.ensure(db, name);
    const before = coll.indexes.size + 1;
    for (const raw of specs as Doc[]) {
      const { key, name: ixName } = raw;
      if (!key || typeof key !== 'object') throw badValue('index key pattern must be an object');
      if (typeof ixName !== 'string') throw badValue('index name must be a string');
      coll.createIndex({ v: 2, ...raw, key: key as Doc, name: ixName } as IndexSpec, true);
    }
    await engine.commit();
    const after = coll.indexes.size + 1;
    return {
      numIndexesBefore: before,
      numIndexesAfter: after,
      createdCollectionAutomatically: created,
      ...(before === after ? { note: 'all indexes already exist' } : {}),
      ok: 1,
    };
  },

  listindexes: (cmd, { engine, db, cursors }) => {
    const name = collName(cmd);
    const coll = engine.collection(db, name);
    if (!coll) throw nsNotFound(`${db}.${name}`);
    const batchSize = (cmd.cursor as Doc | undefined)?.batchSize as number | undefined;
    return cursors.first(`${db}.${name}`, coll.indexSpecs(), batchSize);
  },

  dropindexes: async (cmd, { engine, db }) => {
    const name = collName(cmd);
    const coll = engine.collection(db, name);
    if (!coll) throw nsNotFound(`${db}.${name}`);
    const nIndexesWas = coll.indexes.size + 1;
    const which = cmd.index;
    if (which === '*') {
      for (const ixName of [...coll.indexes.keys()]) coll.dropIndex(ixName);
    } else if (typeof which === 'string') {
      coll.dropIndex(which);
    } else if (Array.isArray(which)) {
      for (const ixName of which) coll.dropIndex(String(ixName));
    } else if (which && typeof which === 'object') {
      const keyStr = JSON.stringify(which);
      const ix = [...coll.indexes.values()].find((i) => JSON.stringify(i.spec.key) === keyStr);
      if (!ix) throw new MongoServerError(27, 'IndexNotFound', `can't find index with key: ${keyStr}`);
      coll.dropIndex(ix.spec.name);
    } else {
      throw badValue('dropIndexes needs an index name, key pattern, list of names or "*"');
    }
    await engine.commit();
    return { nIndexesWas, ok: 1 };
  },
};
