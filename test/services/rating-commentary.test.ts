import { afterEach, describe, expect, it } from 'vitest';
import { commentaryQuarter, createRatingCommentary } from '../../src/services/rating-commentary.js';
import { ratingFixture } from './rating-fixture.js';
import { actor } from '../support/actor.js';

let fx: Awaited<ReturnType<typeof ratingFixture>> | undefined;
afterEach(async () => {
  await fx?.cleanup();
  fx = undefined;
});

describe('leader commentary (领导点评)', () => {
  it.each([
    ['2026-10-08T02:00:00Z', '2026Q3'],
    ['2026-11-20T02:00:00Z', '2026Q4'],
    ['2026-01-05T02:00:00Z', '2025Q4'],
    ['2026-12-31T17:00:00Z', '2026Q4'], // already 1 January 2027 in Shanghai
  ])('written at %s is about %s (Asia/Shanghai)', (at, quarter) => {
    expect(commentaryQuarter(new Date(at), 'Asia/Shanghai')).toBe(quarter);
  });

  it('keeps one comment per member and quarter; only the secretary writes', async () => {
    fx = await ratingFixture();
    const b = await fx.branch(1);
    const a = await fx.member(b._id, 11);
    await fx.member(b._id, 12);
    const c = createRatingCommentary({ models: fx.models, clock: () => new Date('2026-10-08T02:00:00Z') });
    expect((await c.pending(b._id, actor(1))).members).toHaveLength(2);
    await expect(c.write(b._id, actor(11, 'member'), String(a._id), '很好')).rejects.toMatchObject({
      key: 'error-secretary-only',
    });
    await c.write(b._id, actor(1), String(a._id), '服务热情');
    await c.write(b._id, actor(1), String(a._id), '服务热情，学习需加强');
    const p = await c.pending(b._id, actor(1));
    expect([p.quarter, p.members.map((m) => m.userId)]).toEqual(['2026Q3', [12]]);
    const ledger = await c.ledger(b._id, a._id);
    expect(ledger.map((l) => [l.quarter, l.text])).toEqual([['2026Q3', '服务热情，学习需加强']]);
  });
});
