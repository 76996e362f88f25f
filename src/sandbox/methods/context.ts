import type { BotRec } from '../bots.js';
import type { Params } from '../params.js';
import type { SandboxState } from '../state.js';

export interface MethodCtx {
  sb: SandboxState;
  bot: BotRec;
  p: Params;
  /** Aborted when the HTTP client goes away (ends a long poll). */
  signal: AbortSignal;
}

export type Method = (ctx: MethodCtx) => unknown;
