/** `npm run bench`: runs every bench script in this folder, one after another. */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .sort();
let failed = 0;
for (const script of scripts) {
  console.log(`\n# bench/${script}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${script}`], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: 'inherit',
  });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
