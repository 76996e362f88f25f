import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../scripts/seed-demo.js';
import { type World, useWorld } from './world.js';

/** `scripts/local.sh` seeds the page's demo group through the real bot: it must get to the end. */
let w: World;
useWorld((world) => (w = world));

describe('the local demo group', () => {
  it('is bound and has two confirmed members, seeded through the real bot', async () => {
    const said = await seedDemo(w.sb.url, w.bot.token);
    expect(said).toContain('bound to 示例党支部 by 示例书记, with two confirmed members');
    // The last confirmation is a button press: it lands a moment after the seeding returns.
    await expect.poll(() => w.models.Member.countDocuments({ status: 'active' })).toBe(2);
  }, 120_000);
});
