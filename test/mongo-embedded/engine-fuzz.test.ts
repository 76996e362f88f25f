import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/mongo-embedded/engine.js';
import { valueKey } from '../../src/mongo-embedded/keys.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A small deterministic PRNG, so a failure can be replayed from its seed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

function dump(e: Engine): string {
  const out: string[] = [];
  for (const [db, colls] of [...e.dbs].sort(([a], [b]) => a.localeCompare(b))) {
    for (const [name, c] of [...colls].sort(([a], [b]) => a.localeCompare(b))) {
      const docs = [...c.docs.values()].map((d) => valueKey(d)).sort();
      out.push(`${db}.${name} ${JSON.stringify(c.indexSpecs())} ${docs.join('|')}`);
    }
  }
  return out.join('\n');
}

// Random writes while background snapshots run (tiny compaction threshold), then a restart:
// the recovered state must equal the state before the restart.
describe('engine recovery with background snapshots', () => {
  for (const seed of [1, 2, 3]) {
    it(`restores exactly what was written (seed ${seed})`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'mongo-embedded-fuzz-'));
      dirs.push(dir);
      const r = rng(seed);
      // Yield after every document, so writes land in the middle of each snapshot.
      const engine = await Engine.open(dir, 3_000, 1);
      const pending: Promise<void>[] = [];
      for (let step = 0; step < 1500; step++) {
        const db = `db${r(2)}`;
        const name = `c${r(3)}`;
        const op = r(20);
        const coll = engine.ensure(db, name);
        const id = r(40);
        const existing = coll.get(id);
        if (op < 9) {
          if (existing) coll.replace(existing, { _id: id, v: step, tag: `t${r(5)}` });
          else coll.insert({ _id: id, v: step, tag: `t${r(5)}` });
        } else if (op < 14) {
          if (existing) coll.remove(existing);
        } else if (op === 14) {
          engine.drop(db, name);
        } else if (op >= 15 && op <= 17) {
          if (!coll.indexes.has('tag_1'))
            coll.createIndex({ v: 2, key: { tag: 1 }, name: 'tag_1', sparse: r(2) === 0 }, false);
          else coll.dropIndex('tag_1');
        } else if (op === 18 && r(10) === 0) {
          engine.dropDatabase(db);
        }
        pending.push(engine.commit());
        if (r(4) === 0) await Promise.all(pending.splice(0));
      }
      await Promise.all(pending);
      // The worst case for replay: index churn while a snapshot is being written.
      await engine.settled();
      const hot = engine.ensure('hotdb', 'hot');
      for (let i = 0; i < 100; i++) hot.insert({ _id: `h${i}`, tag: `t${i % 7}`, pad: 'x'.repeat(40) });
      await engine.commit(); // the journal is over its threshold: a background snapshot starts
      hot.createIndex({ v: 2, key: { tag: 1 }, name: 'hot_tag', sparse: true }, false);
      hot.dropIndex('hot_tag');
      hot.createIndex({ v: 2, key: { tag: 1 }, name: 'hot_tag', unique: false }, false);
      hot.remove(hot.get('h1')!);
      await engine.commit();
      const before = dump(engine);
      await engine.close();
      const again = await Engine.open(dir, 3_000);
      expect(dump(again)).toBe(before);
      await again.close();
    });
  }
});
