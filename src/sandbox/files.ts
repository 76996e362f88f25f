import { randomBytes } from 'node:crypto';
import { badRequest } from './errors.js';
import type { UploadedFile } from './params.js';

export interface StoredFile {
  file_id: string;
  file_unique_id: string;
  file_size: number;
  file_path: string;
  file_name: string;
  mime_type: string;
  width: number;
  height: number;
  data: Buffer;
}

const MIME: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export function mimeOf(name: string, given?: string): string {
  if (given && given !== 'application/octet-stream') return given;
  return MIME[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

/** Image size from a PNG, GIF or JPEG header; 0×0 if unknown. */
function imageSize(b: Buffer): [number, number] {
  if (b.length > 24 && b.readUInt32BE(0) === 0x89504e47) return [b.readUInt32BE(16), b.readUInt32BE(20)];
  if (b.length > 10 && b.toString('ascii', 0, 3) === 'GIF') return [b.readUInt16LE(6), b.readUInt16LE(8)];
  for (let i = 2; b[0] === 0xff && b[1] === 0xd8 && i + 9 < b.length;) {
    if (b[i] !== 0xff) break;
    const marker = b[i + 1]!;
    if (marker >= 0xc0 && marker <= 0xc3) return [b.readUInt16BE(i + 7), b.readUInt16BE(i + 5)];
    i += 2 + b.readUInt16BE(i + 2);
  }
  return [0, 0];
}

/** Files uploaded by bots or users, addressable by file_id and by download path. */
export class FileStore {
  private readonly byId = new Map<string, StoredFile>();
  private readonly byPath = new Map<string, StoredFile>();
  private seq = 0;

  put(upload: UploadedFile, kind: 'photos' | 'documents'): StoredFile {
    const n = ++this.seq;
    const ext = upload.name.includes('.') ? upload.name.split('.').pop()! : kind === 'photos' ? 'jpg' : 'dat';
    const [width, height] = imageSize(upload.data);
    const f: StoredFile = {
      file_id: `${kind === 'photos' ? 'AgAC' : 'BQAC'}${randomBytes(18).toString('base64url')}`,
      file_unique_id: `AQAD${randomBytes(6).toString('base64url')}`,
      file_size: upload.data.length,
      file_path: `${kind}/file_${n}.${ext}`,
      file_name: upload.name,
      mime_type: mimeOf(upload.name, upload.type),
      width,
      height,
      data: upload.data,
    };
    this.byId.set(f.file_id, f);
    this.byPath.set(f.file_path, f);
    return f;
  }

  /** An InputFile parameter: new upload, known file_id, or an (unreachable) URL. */
  resolve(input: UploadedFile | string | undefined, kind: 'photos' | 'documents', what: string): StoredFile {
    if (input === undefined || input === '') throw badRequest(`there is no ${what} in the request`);
    if (typeof input !== 'string') return this.put(input, kind);
    if (/^https?:\/\//i.test(input)) throw badRequest('failed to get HTTP URL content');
    const f = this.byId.get(input);
    if (!f) throw badRequest('wrong file identifier/HTTP URL specified');
    return f;
  }

  get(fileId: string): StoredFile | undefined {
    return this.byId.get(fileId);
  }

  byFilePath(path: string): StoredFile | undefined {
    return this.byPath.get(path);
  }

  clear(): void {
    this.byId.clear();
    this.byPath.clear();
  }

  static photoSizes(f: StoredFile): Record<string, unknown>[] {
    const { file_id, file_unique_id, file_size, width, height } = f;
    return [{ file_id, file_unique_id, file_size, width, height }];
  }

  static document(f: StoredFile): Record<string, unknown> {
    const { file_id, file_unique_id, file_size, file_name, mime_type } = f;
    return { file_name, mime_type, file_id, file_unique_id, file_size };
  }
}
