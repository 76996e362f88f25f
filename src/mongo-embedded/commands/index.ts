/**
 * The command dispatcher: case-insensitive names, 59 for unknown, 20 for transactions, read and
 * write concerns checked for every command.
 */
import type { Doc } from '../codec.js';
import { errorReply, illegalOperation, MongoServerError } from '../errors.js';
import { adminCommands } from './admin.js';
import type { CommandContext, Handler } from './context.js';
import { ddlCommands } from './ddl.js';
import { checkConcerns } from './options.js';
import { findAndModifyCommands } from './find-and-modify.js';
import { readCommands } from './read.js';
import { writeCommands } from './write.js';

const handlers: Record<string, Handler> = {
  ...adminCommands,
  ...ddlCommands,
  ...readCommands,
  ...writeCommands,
  ...findAndModifyCommands,
};

const TRANSACTION_COMMANDS = new Set(['committransaction', 'aborttransaction']);

export async function dispatch(command: Doc, base: Omit<CommandContext, 'db'>): Promise<Doc> {
  const name = Object.keys(command)[0] ?? '';
  const lower = name.toLowerCase();
  try {
    if (
      command.txnNumber !== undefined ||
      command.startTransaction !== undefined ||
      TRANSACTION_COMMANDS.has(lower)
    ) {
      throw illegalOperation('Transaction numbers are only allowed on a replica set member or mongos');
    }
    const handler = Object.hasOwn(handlers, lower) ? handlers[lower] : undefined;
    if (!handler) throw new MongoServerError(59, 'CommandNotFound', `no such command: '${name}'`);
    checkConcerns(command);
    const db = typeof command.$db === 'string' ? command.$db : 'test';
    return await handler(command, { ...base, db });
  } catch (err) {
    // An error that is not a MongoDB error is unexpected (or a mingo limit): say so on stderr.
    if (!(err instanceof MongoServerError)) console.error(`[mongo-embedded] ${name} failed:`, err);
    return errorReply(err);
  }
}
