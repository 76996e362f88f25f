import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layering of the code (README, "Layout"): the import graph of src, scenes and jobs, read with
 * TypeScript's own import scanner (type-only imports count: a type import is still a dependency
 * of the layer), has no cycle between files and none between the top-level folders.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FOLDERS = ['src/bot', 'scenes', 'jobs', 'src/services', 'src/domain', 'src/ingest', 'src/ops'] as const;
/** Stand-alone tools shipped with the app, with their own inner structure. */
const TOOLS = ['src/mongo-embedded', 'src/sandbox', 'src/local-redis'];

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(relative(ROOT, p));
  }
  return out;
}

/** file → the files it imports (relative imports only; packages are outside the layers). */
function importGraph(): Map<string, string[]> {
  const files = ['src', 'scenes', 'jobs'].flatMap((d) => sourceFiles(join(ROOT, d)));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
    const targets: string[] = [];
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const base = resolve(ROOT, dirname(file), fileName.replace(/\.js$/, ''));
      const found = [`${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p));
      if (found) targets.push(relative(ROOT, found));
    }
    graph.set(file, targets);
  }
  return graph;
}

/** The strongly connected components with more than one node (or a self-loop): each is a cycle. */
export function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v)!.includes(v)) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

const folderOf = (file: string) => FOLDERS.find((f) => file.startsWith(`${f}/`));

/** folder → the other folders it imports, each with one file edge as the example. */
function folderGraph(graph: Map<string, string[]>) {
  const edges = new Map<string, Map<string, string>>();
  for (const [from, targets] of graph)
    for (const to of targets) {
      const a = folderOf(from);
      const b = folderOf(to);
      if (!a || !b || a === b) continue;
      if (!edges.has(a)) edges.set(a, new Map());
      if (!edges.get(a)!.has(b)) edges.get(a)!.set(b, `${from} → ${to}`);
    }
  return edges;
}

describe('layering', () => {
  const graph = importGraph();

  it('the cycle finder finds a cycle and passes a chain', () => {
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
          ['d', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'c']]);
    expect(cycles(new Map([['a', ['a']]]))).toEqual([['a']]);
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('reads the real import graph', () => {
    expect(graph.get('src/bot/create-bot.ts')).toContain('src/services/index.ts');
    expect(graph.size).toBeGreaterThan(100);
  });

  it('no import cycle between files of the application (the sandbox and the embedded store aside)', () => {
    const app = new Map([...graph].filter(([f]) => !TOOLS.some((t) => f.startsWith(`${t}/`))));
    expect(cycles(app)).toEqual([]);
  });

  it('no import cycle between src/bot, scenes, jobs, src/services, src/domain, src/ingest and src/ops', () => {
    const edges = folderGraph(graph);
    const folders = new Map([...FOLDERS].map((f) => [f as string, [...(edges.get(f)?.keys() ?? [])]]));
    const found = cycles(folders).map((c) =>
      c.flatMap((a) => c.filter((b) => edges.get(a)?.has(b)).map((b) => edges.get(a)!.get(b)!)),
    );
    expect(found).toEqual([]);
  });

  it('the worker (jobs) and the dialogs (scenes) never import the bot layer', () => {
    const offending = [...graph].flatMap(([from, targets]) =>
      ['jobs', 'scenes'].includes(folderOf(from) ?? '')
        ? targets.filter((t) => folderOf(t) === 'src/bot').map((t) => `${from} → ${t}`)
        : [],
    );
    expect(offending).toEqual([]);
  });

  it('services and domain rules import no Telegram layer, dialog or job', () => {
    const offending = [...graph].flatMap(([from, targets]) =>
      ['src/services', 'src/domain'].includes(folderOf(from) ?? '')
        ? targets
            .filter((t) => ['src/bot', 'scenes', 'jobs'].includes(folderOf(t) ?? ''))
            .map((t) => `${from} → ${t}`)
        : [],
    );
    expect(offending).toEqual([]);
  });
});
