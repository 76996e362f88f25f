/** An error answered to the caller exactly as Telegram would: `{ok:false,error_code,description,parameters?}`. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: Record<string, unknown>,
  ) {
    super(description);
  }
}

export const badRequest = (msg: string, parameters?: Record<string, unknown>): ApiError =>
  new ApiError(400, `Bad Request: ${msg}`, parameters);

export const forbidden = (msg: string): ApiError => new ApiError(403, `Forbidden: ${msg}`);

/** Errors of the control API (`/sandbox/...`): answered as `{error}` with the HTTP status. */
export const controlError = (status: number, msg: string): ApiError => new ApiError(status, msg);

export const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';
