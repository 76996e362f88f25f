import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { handleControl } from './control.js';
import { ApiError } from './errors.js';
import { METHODS } from './methods/index.js';
import { readParams, type Params } from './params.js';
import type { SandboxState } from './state.js';
import { loggable } from './transcript.js';

const WEB = new URL('./web/', import.meta.url);
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) });
  res.end(data);
}

const NEVER = new AbortController().signal;

/** Only a long poll needs to know that its client went away; other calls skip the cost. */
function closeSignal(method: string, res: ServerResponse): AbortSignal {
  if (method.toLowerCase() !== 'getupdates') return NEVER;
  const abort = new AbortController();
  res.once('close', () => abort.abort());
  return abort.signal;
}

function errorBody(e: unknown): [number, Record<string, unknown>] {
  if (e instanceof ApiError) {
    const body: Record<string, unknown> = { ok: false, error_code: e.code, description: e.description };
    if (e.parameters) body.parameters = e.parameters;
    return [e.code, body];
  }
  console.error('[sandbox] internal error', e);
  return [500, { ok: false, error_code: 500, description: 'Internal Server Error' }];
}

async function botApi(
  sb: SandboxState,
  req: IncomingMessage,
  res: ServerResponse,
  token: string,
  method: string,
  query: URLSearchParams,
) {
  let botId = 0;
  let params: Params | undefined;
  let status = 200;
  let body: Record<string, unknown>;
  try {
    if (sb.latencyMs > 0) await new Promise((r) => setTimeout(r, sb.latencyMs));
    const bot = sb.bot(token);
    botId = bot.id;
    const fn = METHODS.get(method.toLowerCase());
    if (!fn) throw new ApiError(404, 'Not Found');
    params = await readParams(req, query);
    body = { ok: true, result: await fn({ sb, bot, p: params, signal: closeSignal(method, res) }) };
  } catch (e) {
    [status, body] = errorBody(e);
  }
  if (res.destroyed) return;
  const logged = params ? { ...params.raw, ...Object.fromEntries(params.files) } : {};
  sb.transcript.add({ kind: 'call', bot: botId, method, params: loggable(logged), response: body });
  sendJson(res, status, body);
}

function download(sb: SandboxState, res: ServerResponse, token: string, path: string) {
  try {
    sb.bot(token);
  } catch {
    return sendJson(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
  }
  const f = sb.files.byFilePath(decodeURIComponent(path));
  if (!f) return sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
  res.writeHead(200, { 'content-type': f.mime_type, 'content-length': f.data.length });
  res.end(f.data);
}

async function staticFile(res: ServerResponse, path: string) {
  const name = path === '/' ? 'index.html' : path.slice(1);
  if (!/^[\w-]+\.(html|js|css|svg)$/.test(name)) return sendJson(res, 404, { error: 'not found' });
  try {
    const data = await readFile(new URL(name, WEB));
    res.writeHead(200, { 'content-type': TYPES[extname(name)]!, 'cache-control': 'no-cache' });
    res.end(data);
  } catch {
    sendJson(res, 404, { error: 'not found' });
  }
}

/** Routes one HTTP request: Bot API, file downloads, control API, or the web page. */
export function router(sb: SandboxState) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const path = url.pathname;
    let m: RegExpExecArray | null;
    const done = (p: Promise<unknown> | void) =>
      void Promise.resolve(p).catch((e: unknown) => {
        if (!res.headersSent) sendJson(res, ...errorBody(e));
      });
    if ((m = /^\/bot([^/]*)\/([^/]*)\/?$/.exec(path)))
      return done(botApi(sb, req, res, m[1]!, m[2]!, url.searchParams));
    if ((m = /^\/file\/bot([^/]*)\/(.+)$/.exec(path))) return done(download(sb, res, m[1]!, m[2]!));
    if (path.startsWith('/sandbox/'))
      return done(handleControl(sb, req, res, path.slice('/sandbox'.length), url));
    if (req.method === 'GET') return done(staticFile(res, path));
    sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
  };
}
