import { describe, expect, it } from 'vitest';
import { encodeOpMsg } from '../../src/mongo-embedded/codec.js';
import { CursorManager } from '../../src/mongo-embedded/cursors.js';

describe('batch size cap', () => {
  it('keeps a getMore reply of many small documents under 16 MB, array overhead included', () => {
    const cursors = new CursorManager();
    try {
      const docs = Array.from({ length: 200_000 }, (_, i) => ({ i, pad: 'x'.repeat(70) }));
      const first = cursors.first('db.c', docs, undefined);
      const id = (first.cursor as { id: { toNumber(): number } }).id.toNumber();
      const more = cursors.getMore(id, 'db.c', undefined);
      const bytes = encodeOpMsg(1, more);
      expect(bytes.length).toBeLessThanOrEqual(16 * 1024 * 1024 + 16 * 1024);
      const batch = (more.cursor as { nextBatch: unknown[] }).nextBatch;
      expect(batch.length).toBeGreaterThan(100_000);
      expect(batch.length).toBeLessThan(200_000 - 101);
    } finally {
      cursors.close();
    }
  });
});
