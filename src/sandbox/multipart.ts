import { badRequest } from './errors.js';

export interface Part {
  name: string;
  filename?: string;
  type: string;
  data: Buffer;
}

/** A header parameter such as `name="x"`, `filename=b.png` or `filename*=UTF-8''%E5%90%8D`. */
function param(header: string, key: string): string | undefined {
  const ext = new RegExp(`(?:^|;)\\s*${key}\\*\\s*=\\s*([^;]*)`, 'i').exec(header);
  if (ext) {
    const v = ext[1]!.trim().replace(/^"(.*)"$/, '$1');
    const m = /^[\w-]*'[\w-]*'(.*)$/.exec(v);
    try {
      return decodeURIComponent(m ? m[1]! : v);
    } catch {
      return v;
    }
  }
  const m = new RegExp(`(?:^|;)\\s*${key}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i').exec(header);
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!.trim();
}

/**
 * multipart/form-data as HTTP clients really send it: lenient about header spacing and unquoted
 * parameters (grammY writes `content-disposition:form-data;name="x";filename=b.png`), which the
 * WHATWG parser in Node refuses.
 */
export function parseMultipart(body: Buffer, contentType: string): Part[] {
  const boundary = param(contentType, 'boundary');
  if (!boundary) throw badRequest('failed to parse multipart/form-data body: no boundary');
  const delim = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let at = body.indexOf(delim);
  if (at < 0) throw badRequest('failed to parse multipart/form-data body');
  for (;;) {
    let start = at + delim.length;
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break; // closing "--"
    if (body[start] === 0x0d && body[start + 1] === 0x0a) start += 2;
    const next = body.indexOf(delim, start);
    if (next < 0) throw badRequest('failed to parse multipart/form-data body: unterminated part');
    let end = next;
    if (body[end - 2] === 0x0d && body[end - 1] === 0x0a) end -= 2;
    const headEnd = body.indexOf('\r\n\r\n', start);
    if (headEnd < 0 || headEnd > end)
      throw badRequest('failed to parse multipart/form-data body: bad part headers');
    const headers = new Map<string, string>();
    for (const line of body.toString('utf8', start, headEnd).split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const disposition = headers.get('content-disposition') ?? '';
    const name = param(disposition, 'name');
    if (name !== undefined) {
      parts.push({
        name,
        filename: param(disposition, 'filename'),
        type: headers.get('content-type') ?? 'application/octet-stream',
        data: body.subarray(headEnd + 4, end),
      });
    }
    at = next;
  }
  return parts;
}
