import type { IncomingMessage } from 'node:http';
import { badRequest } from './errors.js';
import { parseMultipart } from './multipart.js';

export interface UploadedFile {
  name: string;
  type: string;
  data: Buffer;
}

/** Method parameters from the query string and a JSON, urlencoded or multipart body, read leniently like Telegram. */
export class Params {
  constructor(
    readonly raw: Record<string, unknown>,
    readonly files = new Map<string, UploadedFile>(),
  ) {}

  has(key: string): boolean {
    return this.raw[key] !== undefined && this.raw[key] !== null;
  }

  str(key: string): string | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return JSON.stringify(v);
  }

  int(key: string): number | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null || v === '') return undefined;
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n)) throw badRequest(`invalid ${key} specified`);
    return n;
  }

  bool(key: string): boolean {
    const v = this.raw[key];
    return v === true || v === 'true' || v === '1' || v === 1;
  }

  /** An object parameter, given either as JSON value or as a JSON-serialized string (forms, multipart). */
  obj<T>(key: string, what = `${key} JSON object`): T | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string') return v as T;
    try {
      return JSON.parse(v) as T;
    } catch {
      throw badRequest(`can't parse ${what}`);
    }
  }

  /** A file parameter: an uploaded part, an `attach://name` reference to one, or a string (file_id / URL). */
  file(key: string): UploadedFile | string | undefined {
    const direct = this.files.get(key);
    if (direct) return direct;
    const v = this.str(key);
    if (v?.startsWith('attach://')) {
      const f = this.files.get(v.slice('attach://'.length));
      if (!f) throw badRequest(`can't find attached file "${v}"`);
      return f;
    }
    return v;
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

export async function readParams(req: IncomingMessage, query: URLSearchParams): Promise<Params> {
  const raw: Record<string, unknown> = Object.fromEntries(query);
  const files = new Map<string, UploadedFile>();
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    for (const part of parseMultipart(await readBody(req), req.headers['content-type']!)) {
      if (part.filename === undefined) raw[part.name] = part.data.toString('utf8');
      else files.set(part.name, { name: part.filename, type: part.type, data: part.data });
    }
    return new Params(raw, files);
  }
  const body = await readBody(req);
  if (body.length === 0) return new Params(raw, files);
  if (type.startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) raw[k] = v;
  } else if (type.startsWith('application/json') || body[0] === 0x7b) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw badRequest("can't parse JSON encoded request body");
    }
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) Object.assign(raw, parsed);
  }
  return new Params(raw, files);
}
