import { execFileSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds the product as the Dockerfile does (`tsc -p tsconfig.build.json` into dist/, the locale
 * files beside the built i18n module), so a bench can run what ships: plain Node without tsx,
 * whose loader and on-the-fly compiling add to a process's memory.
 */
export function buildProduct(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  cpSync(`${ROOT}/src/locales`, `${ROOT}/dist/src/locales`, { recursive: true });
}
