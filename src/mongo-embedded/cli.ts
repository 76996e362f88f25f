/**
 * `npm run mongo:embedded -- --port P --dbpath DIR`: runs the embedded server alone, prints
 * `ready mongodb://127.0.0.1:P` once it accepts connections, and stops cleanly on SIGTERM/SIGINT.
 */
import { parseArgs } from 'node:util';
import { startEmbeddedMongo } from './index.js';
import { DbpathLockedError } from './lock.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '27017' },
    dbpath: { type: 'string', default: './data/mongo' },
    host: { type: 'string', default: '127.0.0.1' },
    // Journal size that triggers a snapshot; small values let tests crash mid-compaction.
    'compact-bytes': { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, got '${values.port}'`);
  process.exit(2);
}

try {
  const compactBytes = values['compact-bytes'] ? Number(values['compact-bytes']) : undefined;
  const server = await startEmbeddedMongo({ port, dbpath: values.dbpath, host: values.host, compactBytes });
  console.log(`ready ${server.uri}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('mongo-embedded: error while stopping', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (err) {
  if (err instanceof DbpathLockedError) console.error(`mongo-embedded: ${err.message}`);
  else console.error('mongo-embedded: failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
}
