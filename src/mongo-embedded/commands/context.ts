/** What every command handler receives. */
import type { Doc } from '../codec.js';
import type { CursorManager } from '../cursors.js';
import type { Engine } from '../engine.js';
import { badValue } from '../errors.js';

export interface ServerState {
  startedAt: number;
  connections: number;
  totalConnections: number;
  host: string;
  port: number;
}

export interface CommandContext {
  engine: Engine;
  cursors: CursorManager;
  db: string;
  connectionId: number;
  state: ServerState;
}

export type Handler = (cmd: Doc, ctx: CommandContext) => Doc | Promise<Doc>;

/** The collection name a command targets (its first field's value). */
export function collName(cmd: Doc): string {
  const v = cmd[Object.keys(cmd)[0] as string];
  if (typeof v !== 'string' || !v) throw badValue(`collection name must be a non-empty string`);
  return v;
}

export function optDoc(v: unknown, what: string): Doc | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw badValue(`${what} must be an object`);
  return v as Doc;
}

export function optInt(v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  return Number(v);
}
