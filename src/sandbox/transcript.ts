import { writeFile } from 'node:fs/promises';

export type TranscriptEntry =
  | { kind: 'call'; bot: number; method: string; params: unknown; response: unknown }
  | { kind: 'update'; bot: number; update: unknown }
  | { kind: 'control'; action: string; body: unknown };

const MAX_ENTRIES = 200_000;

/** Every Bot API call and update, in order, with timestamps; saved as JSON. */
export class Transcript {
  private entries: ({ at: string } & TranscriptEntry)[] = [];
  enabled = true;

  add(entry: TranscriptEntry): void {
    if (!this.enabled) return;
    this.entries.push({ at: new Date().toISOString(), ...entry });
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  clear(): void {
    this.entries = [];
  }

  toJSON(): unknown[] {
    return this.entries;
  }

  async save(path: string): Promise<void> {
    await writeFile(path, JSON.stringify(this.entries, null, 2));
  }
}

/** Uploaded files are logged by name and size, never by content. */
export function loggable(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
  if (Array.isArray(value)) return value.map(loggable);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (Buffer.isBuffer(o.data) && typeof o.name === 'string') return { file: o.name, size: o.data.length };
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, loggable(v)]));
  }
  return value;
}
