import { EmbeddedServer } from './server.js';

export interface EmbeddedMongo {
  uri: string;
  port: number;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Data directory; each database lives in its own folder below it. */
  dbpath: string;
  /** TCP port; 0 or absent picks a free port. */
  port?: number;
  /** Listen address; default 127.0.0.1. */
  host?: string;
  /** Idle cursor lifetime in ms (default 10 minutes). */
  cursorTimeoutMs?: number;
  /** How often TTL indexes are swept, in ms (default 60 s, as in MongoDB). */
  ttlIntervalMs?: number;
  /** Journal size in bytes that triggers a compaction (default 64 MB). */
  compactBytes?: number;
}

/** Starts the embedded MongoDB-compatible server; resolves once it accepts connections. */
export async function startEmbeddedMongo(opts: StartOptions): Promise<EmbeddedMongo> {
  const server = new EmbeddedServer(opts);
  const port = await server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1');
  return {
    uri: `mongodb://127.0.0.1:${port}`,
    port,
    close: () => server.close(),
  };
}
