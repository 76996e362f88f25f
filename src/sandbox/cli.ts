import { startSandbox } from './index.js';

const USAGE = `usage: npm run sandbox -- [--port P] [--host H] [--no-rate-limits] [--latency-ms N] [--transcript FILE]`;

function parseArgs(argv: string[]) {
  const opts: {
    port: number;
    host?: string;
    rateLimits: boolean;
    latencyMs: number;
    transcriptPath?: string;
  } = { port: 8081, rateLimits: true, latencyMs: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--port') opts.port = Number(value());
    else if (a.startsWith('--port=')) opts.port = Number(a.slice(7));
    else if (a === '--host') opts.host = value();
    else if (a === '--no-rate-limits') opts.rateLimits = false;
    else if (a === '--latency-ms') opts.latencyMs = Number(value());
    else if (a.startsWith('--latency-ms=')) opts.latencyMs = Number(a.slice(13));
    else if (a === '--transcript') opts.transcriptPath = value();
    else if (a.startsWith('--transcript=')) opts.transcriptPath = a.slice(13);
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535)
    throw new Error(`bad --port\n${USAGE}`);
  if (!Number.isFinite(opts.latencyMs) || opts.latencyMs < 0) throw new Error(`bad --latency-ms\n${USAGE}`);
  return opts;
}

const sandbox = await startSandbox(parseArgs(process.argv.slice(2)));
console.log(`sandbox ${sandbox.url} (web page: ${sandbox.url}/ , Bot API root for grammY: ${sandbox.url})`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void sandbox.close().then(() => process.exit(0));
  });
}
