/**
 * Every field of a CRUD command is either implemented, a MongoDB option the embedded server does
 * not implement (refused with 115, naming it), or unknown to MongoDB 7.0 as well (40415, as its
 * strict command parser answers). Nothing is silently ignored: an option that would change the
 * answer (collation, hint, let, sort on a single-document write, …) never passes unnoticed.
 */
import type { Doc } from '../codec.js';
import { badValue, MongoServerError, notSupported } from '../errors.js';

/** Fields any command may carry that do not change its answer here (sessions, routing, labels). */
const GENERIC = [
  '$db',
  'lsid',
  '$clusterTime',
  '$readPreference',
  'comment',
  'maxTimeMS',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
  'writeConcern',
  'readConcern',
];

interface FieldTable {
  handled: string[];
  refused: string[];
}

/** The fields of each command as MongoDB 7.0 defines them, split by what the server does. */
export const COMMAND_FIELDS: Record<string, FieldTable> = {
  find: {
    handled: [
      'filter',
      'sort',
      'projection',
      'skip',
      'limit',
      'batchSize',
      'singleBatch',
      'allowDiskUse',
      'allowPartialResults',
    ],
    refused: [
      'hint',
      'collation',
      'let',
      'min',
      'max',
      'returnKey',
      'showRecordId',
      'tailable',
      'awaitData',
      'oplogReplay',
      'noCursorTimeout',
    ],
  },
  aggregate: {
    handled: ['pipeline', 'cursor', 'allowDiskUse', 'bypassDocumentValidation'],
    refused: ['explain', 'hint', 'collation', 'let'],
  },
  count: { handled: ['query', 'limit', 'skip'], refused: ['hint', 'collation'] },
  distinct: { handled: ['key', 'query'], refused: ['hint', 'collation'] },
  insert: { handled: ['documents', 'ordered', 'bypassDocumentValidation'], refused: [] },
  update: { handled: ['updates', 'ordered', 'bypassDocumentValidation'], refused: ['let'] },
  delete: { handled: ['deletes', 'ordered'], refused: ['let'] },
  findAndModify: {
    handled: [
      'query',
      'sort',
      'remove',
      'update',
      'new',
      'fields',
      'upsert',
      'arrayFilters',
      'bypassDocumentValidation',
    ],
    refused: ['hint', 'collation', 'let'],
  },
};

/** The fields of one statement in an update's `updates` or a delete's `deletes`. */
export const STATEMENT_FIELDS: Record<string, FieldTable> = {
  updates: {
    handled: ['q', 'u', 'upsert', 'multi', 'arrayFilters'],
    refused: ['c', 'hint', 'collation', 'sort'],
  },
  deletes: { handled: ['q', 'limit'], refused: ['hint', 'collation'] },
};

/** Unset, false or empty: an option given this way asks for nothing and is not refused. */
function isUnset(v: unknown): boolean {
  if (v === undefined || v === null || v === false) return true;
  if (typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) {
    const o = v as Doc;
    if ('_bsontype' in o) return false;
    if (!Object.keys(o).length) return true;
    // The simple collation is the binary comparison the server always uses.
    return Object.keys(o).length === 1 && o.locale === 'simple';
  }
  return false;
}

function checkFields(doc: Doc, table: FieldTable, what: string, skipFirst: boolean, generic: string[]): void {
  const keys = Object.keys(doc);
  for (const k of skipFirst ? keys.slice(1) : keys) {
    if (table.handled.includes(k) || generic.includes(k)) continue;
    if (table.refused.includes(k)) {
      if (!isUnset(doc[k])) throw notSupported(`${what} option '${k}'`);
      continue;
    }
    throw new MongoServerError(40415, 'Location40415', `BSON field '${what}.${k}' is an unknown field.`);
  }
}

/** Checks a CRUD command's fields before it runs (the dispatcher checks the concerns of all). */
export function checkCommand(cmd: Doc, name: keyof typeof COMMAND_FIELDS): void {
  checkFields(cmd, COMMAND_FIELDS[name] as FieldTable, name, true, GENERIC);
}

/** Checks every statement of an update or delete before any of them runs (so a refusal fails the command). */
export function checkStatements(cmd: Doc, command: string, field: 'updates' | 'deletes'): Doc[] {
  const list = cmd[field];
  if (!Array.isArray(list)) throw badValue(`'${field}' must be an array`);
  for (const s of list as Doc[]) {
    if (!s || typeof s !== 'object') throw badValue(`each of '${field}' must be an object`);
    checkFields(s, STATEMENT_FIELDS[field] as FieldTable, `${command}.${field}`, false, []);
  }
  return list as Doc[];
}

/**
 * Read concern: `local` and `available` are what a standalone always gives. `majority`, `snapshot`,
 * `linearizable` and cluster times are refused: a read here can see a write whose journal sync
 * has not finished, which `majority` must never return.
 */
export function checkConcerns(cmd: Doc): void {
  const rc = cmd.readConcern as Doc | undefined;
  if (rc !== undefined && rc !== null) {
    for (const [k, v] of Object.entries(rc)) {
      if (k !== 'level') throw notSupported(`readConcern '${k}'`);
      if (v !== 'local' && v !== 'available') {
        if (['majority', 'snapshot', 'linearizable'].includes(v as string))
          throw notSupported(`readConcern level '${String(v)}'`);
        throw badValue(
          `enumeration value '${String(v)}' for field 'readConcern.level' is not a valid value.`,
        );
      }
    }
  }
  const wc = cmd.writeConcern as Doc | undefined;
  const w = wc?.w;
  if (typeof w === 'number' && w > 1) throw badValue("cannot use 'w' > 1 with a standalone");
  if (typeof w === 'string' && w !== 'majority') {
    throw badValue(`cannot use non-majority 'w' mode "${w}" with a standalone`);
  }
}
