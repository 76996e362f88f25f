/** A MongoDB server error: becomes `{ ok: 0, errmsg, code, codeName }` on the wire. */
export class MongoServerError extends Error {
  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const badValue = (msg: string) => new MongoServerError(2, 'BadValue', msg);
export const typeMismatch = (msg: string) => new MongoServerError(14, 'TypeMismatch', msg);
export const failedToParse = (msg: string) => new MongoServerError(9, 'FailedToParse', msg);
export const notSupported = (what: string) =>
  new MongoServerError(115, 'CommandNotSupported', `${what} is not supported by the embedded MongoDB server`);
export const illegalOperation = (msg: string) => new MongoServerError(20, 'IllegalOperation', msg);

/** Maps anything thrown while executing a command to a wire error document. */
export function errorReply(err: unknown): Record<string, unknown> {
  if (err instanceof MongoServerError) {
    return { ok: 0, errmsg: err.message, code: err.code, codeName: err.codeName, ...err.extra };
  }
  const message = err instanceof Error ? err.message : String(err);
  // mingo's word for an expression operator it does not know (MongoDB's 168).
  const unknownExpr = /accumulator '(\$\w+)' is not registered/.exec(message);
  if (unknownExpr) {
    return {
      ok: 0,
      errmsg: `Unrecognized expression '${unknownExpr[1]}'`,
      code: 168,
      codeName: 'InvalidPipelineOperator',
    };
  }
  // mingo reports unknown/unsupported operators and bad expressions with plain errors.
  if (/operator|unknown|not supported|invalid/i.test(message)) {
    return { ok: 0, errmsg: message, code: 2, codeName: 'BadValue' };
  }
  return { ok: 0, errmsg: message, code: 1, codeName: 'InternalError' };
}
