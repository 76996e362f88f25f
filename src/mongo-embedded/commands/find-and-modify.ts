/** findAndModify: one document found by query + sort, updated / upserted / removed atomically. */
import type { Doc } from '../codec.js';
import { failedToParse } from '../errors.js';
import { findDocs } from '../planner.js';
import { project, sortDocs } from '../query.js';
import { validateUpdate, type UpdateSpec } from '../update.js';
import { modifyOne, upsertOne } from '../write-ops.js';
import { collName, optDoc, type Handler } from './context.js';
import { checkCommand } from './options.js';

export const findAndModifyCommands: Record<string, Handler> = {
  findandmodify: async (cmd, { engine, db }) => {
    const name = collName(cmd);
    checkCommand(cmd, 'findAndModify');
    const query = optDoc(cmd.query, 'query') ?? {};
    const sort = optDoc(cmd.sort, 'sort');
    const fields = optDoc(cmd.fields, 'fields');
    const remove = cmd.remove === true;
    const u = cmd.update as UpdateSpec | undefined;
    if (remove && u !== undefined) throw failedToParse('Cannot specify both an update and remove=true');
    if (!remove && u === undefined) throw failedToParse('Either an update or remove=true must be specified');
    if (remove && (cmd.upsert === true || cmd.new === true)) {
      throw failedToParse('Cannot specify both new=true and remove=true; upsert is not allowed with remove');
    }
    if (u !== undefined) validateUpdate(u);
    const coll = engine.collection(db, name);
    const hasSort = sort && Object.keys(sort).length > 0;
    const found = hasSort ? sortDocs(findDocs(coll, query), sort)[0] : findDocs(coll, query, 1)[0];
    const shape = (d: Doc | undefined) => (d ? (project([d], fields)[0] ?? null) : null);
    let result: Doc;
    if (remove) {
      if (found) coll!.remove(found);
      result = { lastErrorObject: { n: found ? 1 : 0 }, value: shape(found), ok: 1 };
    } else if (found) {
      const { doc } = modifyOne(coll!, found, u!, query, cmd.arrayFilters as Doc[] | undefined);
      result = {
        lastErrorObject: { n: 1, updatedExisting: true },
        value: shape(cmd.new === true ? doc : found),
        ok: 1,
      };
    } else if (cmd.upsert === true) {
      const doc = upsertOne(engine.ensure(db, name), query, u!, cmd.arrayFilters as Doc[] | undefined);
      result = {
        lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id },
        value: cmd.new === true ? shape(doc) : null,
        ok: 1,
      };
    } else {
      result = { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
    }
    await engine.commit();
    return result;
  },
};
