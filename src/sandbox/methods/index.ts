import { basicMethods } from './basic.js';
import { chatMethods } from './chats.js';
import type { Method } from './context.js';
import { mediaMethods } from './media.js';
import { messageMethods } from './messages.js';

export type { Method, MethodCtx } from './context.js';

/** All Bot API methods the sandbox implements, by lower-cased name (Telegram matches names case-insensitively). */
export const METHODS = new Map<string, Method>(
  Object.entries({ ...basicMethods, ...messageMethods, ...mediaMethods, ...chatMethods }).map(([k, v]) => [
    k.toLowerCase(),
    v,
  ]),
);
