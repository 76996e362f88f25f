import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Reading the code as text, for the tests that grep a layer for what it must not do
 * (test/models-in-services.test.ts, test/bot/direct-sends.test.ts).
 */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Every `.ts` file below `dir` (relative to the repository), as a path relative to the repository. */
export function sourceFiles(dir: string, out: string[] = []): string[] {
  const abs = join(ROOT, dir);
  for (const name of readdirSync(abs)) {
    const p = join(abs, name);
    if (statSync(p).isDirectory()) sourceFiles(relative(ROOT, p), out);
    else if (p.endsWith('.ts')) out.push(relative(ROOT, p));
  }
  return out;
}

/** A file's code as text, by its path relative to the repository. */
export const readSource = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** The code without its comments (block comments, and lines that are only a `//` comment). */
export const withoutComments = (code: string) =>
  code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

/** `found(file)` for every file of `layers` not in `allowed`, each as `<file>: <what>`. */
export function findInLayers(
  layers: readonly string[],
  allowed: Readonly<Record<string, string>>,
  found: (code: string) => string[],
): string[] {
  const files = layers.flatMap((d) => {
    const inLayer = sourceFiles(d);
    // A layer read as empty (moved, misspelt) would pass every check without looking at anything.
    if (inLayer.length === 0) throw new Error(`no source files in ${d}`);
    return inLayer;
  });
  return files.filter((f) => !(f in allowed)).flatMap((f) => found(readSource(f)).map((u) => `${f}: ${u}`));
}
