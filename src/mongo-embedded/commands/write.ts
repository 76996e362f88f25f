/** Write commands: insert, update, delete. Errors of single statements go into `writeErrors`. */
import { takeWireBytes, type Doc } from '../codec.js';
import { badValue, errorReply, failedToParse } from '../errors.js';
import { findDocs } from '../planner.js';
import { isOperatorUpdate, validateUpdate, type UpdateSpec } from '../update.js';
import { modifyOne, upsertOne } from '../write-ops.js';
import { checkInsertedDoc, fillEmptyTimestamps } from '../storage-validation.js';
import { collName, optDoc, type Handler } from './context.js';
import { checkCommand, checkStatements } from './options.js';

interface WriteError extends Doc {
  index: number;
  code: number;
  errmsg: string;
}

function toWriteError(index: number, err: unknown): WriteError {
  const { ok: _ok, codeName: _codeName, code, errmsg, ...extra } = errorReply(err);
  return { index, code: code as number, errmsg: errmsg as string, ...extra };
}

function statements(cmd: Doc, field: string): Doc[] {
  const list = cmd[field];
  if (!Array.isArray(list)) throw badValue(`'${field}' must be an array`);
  return list as Doc[];
}

/** Runs each statement; stops at the first error when ordered (the default). */
function each(list: Doc[], ordered: boolean, run: (s: Doc, i: number) => void): WriteError[] {
  const errors: WriteError[] = [];
  for (let i = 0; i < list.length; i++) {
    try {
      run(list[i] as Doc, i);
    } catch (err) {
      errors.push(toWriteError(i, err));
      if (ordered) break;
    }
  }
  return errors;
}

function reply(body: Doc, errors: WriteError[]): Doc {
  return errors.length ? { ...body, writeErrors: errors, ok: 1 } : { ...body, ok: 1 };
}

export const writeCommands: Record<string, Handler> = {
  insert: async (cmd, { engine, db }) => {
    const name = collName(cmd);
    checkCommand(cmd, 'insert');
    const docs = statements(cmd, 'documents');
    const coll = engine.ensure(db, name);
    let n = 0;
    const errors = each(docs, cmd.ordered !== false, (d) => {
      checkInsertedDoc(d);
      const raw = takeWireBytes(d);
      coll.insert(d, fillEmptyTimestamps(d) ? undefined : raw);
      n++;
    });
    await engine.commit();
    return reply({ n }, errors);
  },

  update: async (cmd, { engine, db }) => {
    const name = collName(cmd);
    checkCommand(cmd, 'update');
    const list = checkStatements(cmd, 'update', 'updates');
    let n = 0;
    let nModified = 0;
    const upserted: Doc[] = [];
    const errors = each(list, cmd.ordered !== false, (s, index) => {
      const q = optDoc(s.q, 'q') ?? {};
      const u = s.u as UpdateSpec;
      validateUpdate(u);
      const multi = s.multi === true;
      if (multi && !Array.isArray(u) && !isOperatorUpdate(u)) {
        throw failedToParse('multi update is not supported for replacement-style update');
      }
      const arrayFilters = s.arrayFilters as Doc[] | undefined;
      const coll = engine.collection(db, name);
      const matched = findDocs(coll, q, multi ? Infinity : 1);
      if (matched.length) {
        for (const doc of matched) {
          n++;
          if (modifyOne(coll!, doc, u, q, arrayFilters).modified) nModified++;
        }
      } else if (s.upsert === true) {
        const doc = upsertOne(engine.ensure(db, name), q, u, arrayFilters);
        n++;
        upserted.push({ index, _id: doc._id });
      }
    });
    await engine.commit();
    return reply(upserted.length ? { n, nModified, upserted } : { n, nModified }, errors);
  },

  delete: async (cmd, { engine, db }) => {
    const name = collName(cmd);
    checkCommand(cmd, 'delete');
    const list = checkStatements(cmd, 'delete', 'deletes');
    let n = 0;
    const errors = each(list, cmd.ordered !== false, (s) => {
      const limit = Number(s.limit ?? 0);
      if (limit !== 0 && limit !== 1) throw badValue('The limit field in delete objects must be 0 or 1');
      const coll = engine.collection(db, name);
      for (const doc of findDocs(coll, optDoc(s.q, 'q') ?? {}, limit || Infinity)) {
        coll!.remove(doc);
        n++;
      }
    });
    await engine.commit();
    return reply({ n }, errors);
  },
};
