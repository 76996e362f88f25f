import { describe, expect, it } from 'vitest';
import { indexesOf, packTopTen, unpackTopTen } from '../../src/bot/features/top-ten-data.js';

const ID = '0123456789abcdef01234567';

describe('top-ten callback data', () => {
  it.each([0, 1, 5, 2 ** 20 - 1])('mask %i packs within 64 bytes and reads back', (mask) => {
    for (const kind of ['toggle', 'cast'] as const) {
      const data = packTopTen({ kind, voteId: ID, mask });
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(unpackTopTen(data)).toEqual({ kind, voteId: ID, mask });
    }
  });
  it.each([`ttx:${ID}:1`, `ttt:${ID}:100000`, `ttt:${ID}:`, `ttv:${ID.slice(1)}:1`, 'ttt:x:1'])(
    'refuses %s',
    (d) => {
      expect(unpackTopTen(d)).toBeNull();
    },
  );
  it('reads the chosen indexes from a mask', () => {
    expect(indexesOf(0b10101)).toEqual([0, 2, 4]);
    expect(indexesOf(0)).toEqual([]);
  });
});
