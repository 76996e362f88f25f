import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose, { type Connection } from 'mongoose';
import { createModels, syncIndexes } from '../../src/db/models/index.js';
import { isImplementedOperator } from '../../src/mongo-embedded/operators.js';
import {
  UNSUPPORTED_EXPRESSION_OPERATORS,
  UNSUPPORTED_QUERY_OPERATORS,
  UNSUPPORTED_STAGES,
} from '../../src/mongo-embedded/unsupported.js';
import { COMMAND_FIELDS, STATEMENT_FIELDS } from '../../src/mongo-embedded/commands/options.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/mongo-embedded/index.js';

// "No product query relies on something the embedded server does not support." Every product
// query goes through mongoose from these folders (the stores are reached nowhere else), so:
// - every `$name` written as a key (an operator or a stage) must be one the server runs;
// - no refused option or session feature is named at all (they can only be asked for by name);
// - every model's indexes and schema options are accepted, by building them on the server.
// What the static part cannot see (a `$` name built at run time) the server still refuses
// loudly with 115, and every product test runs on it.
const ROOT = join(import.meta.dirname, '../..');
const PRODUCT = ['src', 'jobs', 'scenes', 'bench'];
const NOT_PRODUCT = ['src/mongo-embedded', 'src/sandbox', 'src/local-redis'];

function productFiles(dir: string): string[] {
  const rel = relative(ROOT, dir);
  if (NOT_PRODUCT.includes(rel)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return productFiles(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

/** Code without comments, so a comment naming an operator does not count as a use. */
function code(path: string): string {
  return readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** Names of refused options and features as a query would spell them in mongoose or the driver. */
const REFUSED_BY_NAME: [string, RegExp][] = [
  ['let', /\blet\s*:/],
  ['collation', /\bcollation\b/],
  ['hint', /\.hint\(|\bhint\s*:/],
  ['readConcern', /\breadConcern\b|\.read\(\s*['"]/],
  ['sessions and transactions', /startSession|withTransaction|\.session\(/],
  ['change streams', /\.watch\(/],
  ['explain', /\.explain\(/],
  ['capped, views, time series', /\b(capped|viewOn|timeseries|clusteredIndex)\s*:/],
  // An index spec's value (`{ body: 'text' }`), not any string 'text' (a button's field name).
  ['text, geo, hashed and wildcard indexes', /:\s*['"](text|2d|2dsphere|hashed)['"]|\$\*\*/],
  ['positional projection', /['"][\w.]+\.\$['"]\s*:\s*1/],
];

describe('product queries use only what the embedded server implements', () => {
  const files = PRODUCT.flatMap((d) => productFiles(join(ROOT, d)));

  it('finds the product files (the check would pass on none)', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.some((f) => f.endsWith('src/services/member-service.ts'))).toBe(true);
  });

  it('writes only implemented operators and stages as keys', () => {
    const used = new Map<string, string>();
    for (const f of files) {
      for (const m of code(f).matchAll(/(?<![\w$.])['"]?(\$[a-zA-Z]\w*)['"]?\s*:/g)) {
        used.set(m[1] as string, relative(ROOT, f));
      }
    }
    expect(used.has('$set'), 'the scan should see the product’s $set updates').toBe(true);
    const refused = [...used].filter(([name]) => !isImplementedOperator(name));
    expect(refused, 'operators the embedded server does not run').toEqual([]);
  });

  it('names no refused stage or operator anywhere, nor a refused option', () => {
    const names = [
      ...UNSUPPORTED_STAGES,
      ...UNSUPPORTED_QUERY_OPERATORS,
      ...UNSUPPORTED_EXPRESSION_OPERATORS,
    ];
    const hits: string[] = [];
    for (const f of files) {
      const text = code(f);
      for (const n of names) if (new RegExp(`\\${n}\\b`).test(text)) hits.push(`${relative(ROOT, f)}: ${n}`);
      for (const [what, re] of REFUSED_BY_NAME) if (re.test(text)) hits.push(`${relative(ROOT, f)}: ${what}`);
    }
    expect(hits).toEqual([]);
  });

  it('refuses by name only what the server refuses (the list above covers its options)', () => {
    const refusedOptions = new Set(
      [...Object.values(COMMAND_FIELDS), ...Object.values(STATEMENT_FIELDS)].flatMap((t) => t.refused),
    );
    const covered = ['let', 'c', 'collation', 'hint', 'explain', 'sort'];
    const find = [
      'min',
      'max',
      'returnKey',
      'showRecordId',
      'tailable',
      'awaitData',
      'oplogReplay',
      'noCursorTimeout',
    ];
    expect([...refusedOptions].filter((o) => !covered.includes(o) && !find.includes(o))).toEqual([]);
    // find's own refused options: mongoose sets them only through these cursor methods (an index
    // bound for min/max is an object; zod's `.min(1)` is not one of them).
    for (const f of files) {
      expect(code(f), relative(ROOT, f)).not.toMatch(
        /\.(min|max)\(\s*\{|\.(returnKey|showRecordId|tailable)\(|noCursorTimeout/,
      );
    }
  });

  describe('every model on the embedded server', () => {
    let server: EmbeddedMongo;
    let dir: string;
    let conn: Connection;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'mongo-product-'));
      server = await startEmbeddedMongo({ dbpath: dir });
      conn = await mongoose.createConnection(server.uri, { dbName: 'product', autoIndex: false }).asPromise();
    });
    afterAll(async () => {
      await conn.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('builds every index and has no schema option it would refuse', async () => {
      const models = createModels(conn);
      await syncIndexes(models);
      for (const model of Object.values(models)) {
        // mongoose's defaults for these are false or null: any value asks for something refused.
        const options = model.schema.options as Record<string, unknown>;
        const asked = ['collation', 'capped', 'timeseries', 'read', 'readConcern'].filter((o) => options[o]);
        expect(asked, model.modelName).toEqual([]);
        const specs = await model.listIndexes();
        expect(specs.length, model.modelName).toBe(model.schema.indexes().length + 1);
      }
    });
  });
});
