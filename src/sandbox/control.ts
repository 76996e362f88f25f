import type { IncomingMessage, ServerResponse } from 'node:http';
import { controlError } from './errors.js';
import { ROUTES, type Body } from './control-routes.js';
import type { SandboxState } from './state.js';

/** Files by file_id for the web page (the Bot API download path needs the bot's token). */
function serveFile(sb: SandboxState, res: ServerResponse, fileId: string) {
  const f = sb.files.get(fileId);
  if (!f) {
    res.writeHead(404, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ error: `file ${fileId} not found` }));
  }
  const name = encodeURIComponent(f.file_name);
  res.writeHead(200, {
    'content-type': f.mime_type,
    'content-length': f.data.length,
    'content-disposition': `inline; filename*=UTF-8''${name}`,
  });
  res.end(f.data);
}

async function readJson(req: IncomingMessage): Promise<Body> {
  let s = '';
  for await (const c of req) s += String(c);
  if (!s.trim()) return {};
  try {
    return JSON.parse(s) as Body;
  } catch {
    throw controlError(400, 'body must be JSON');
  }
}

/** The control API under /sandbox: plain JSON in and out; errors are `{error}` with an HTTP status. */
export async function handleControl(
  sb: SandboxState,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  url: URL,
) {
  if (path === '/events' && req.method === 'GET') return sb.events.attach(res);
  const file = req.method === 'GET' ? /^\/files\/([\w-]+)$/.exec(path) : null;
  if (file) return serveFile(sb, res, file[1]!);
  const route = ROUTES.find(([method, re]) => method === req.method && re.test(path));
  const reply = (status: number, body: unknown) => {
    const data = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(data),
    });
    res.end(data);
  };
  if (!route) return reply(404, { error: `no control route ${req.method} /sandbox${path}` });
  try {
    const body = req.method === 'POST' ? await readJson(req) : {};
    if (req.method === 'POST') sb.transcript.add({ kind: 'control', action: `POST /sandbox${path}`, body });
    const result = route[2](sb, [...route[1].exec(path)!], body, url.searchParams);
    reply(200, result);
  } catch (e) {
    const err = e as { code?: number; description?: string; message?: string };
    const status = typeof err.code === 'number' ? err.code : 500;
    if (status === 500) console.error('[sandbox] control error', e);
    reply(status, { error: err.description ?? err.message ?? String(e) });
  }
}
