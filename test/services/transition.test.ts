import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAudit } from '../../src/services/audit.js';
import { createTransition } from '../../src/services/transition.js';
import { movableClock, pledgeFixture } from './pledge-fixture.js';
import { actor } from '../support/actor.js';

let fx: Awaited<ReturnType<typeof pledgeFixture>>;
const time = movableClock('2026-05-20T03:00:00Z');
beforeAll(async () => {
  fx = await pledgeFixture();
});
afterAll(() => fx.cleanup());
const refusal = (key: string) => expect.objectContaining({ key });

describe('transition (the one guarded state change of the services)', () => {
  it('asks the policy first, refuses a missing record or another state, writes once, audits once', async () => {
    const transition = createTransition(createAudit(fx.models, time.clock));
    const { Member, Audit } = fx.models;
    const branch = await fx.branch(1);
    const member = await fx.member(branch._id, 20, { status: 'pending-confirmation' });
    const record = { ownerId: 20, branchId: branch._id.toString() };
    const confirm = (by = actor(1), before: typeof member | null = member) =>
      transition({
        model: Member,
        before,
        policy: { actor: by, action: 'confirmRegistration', record },
        from: ['pending-confirmation'],
        change: () => ({ $set: { status: 'active' as const } }),
        audit: { branchId: branch._id, actorId: by.userId, action: 'member.confirm', target: 'x' },
      });

    // The policy answers before anything about the record is told: a plain member learns nothing.
    await expect(confirm(actor(30, 'member'), null)).rejects.toEqual(refusal('error-reviewer-only'));
    await expect(confirm(actor(20), member)).rejects.toEqual(refusal('error-review-own'));
    await expect(confirm(actor(1), null)).rejects.toEqual(refusal('error-action-unavailable'));

    // Two presses at once from the same state read: one write wins, the other is refused.
    const results = await Promise.allSettled([confirm(), confirm()]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ key: 'error-action-unavailable' });
    expect(await Audit.countDocuments({ branchId: branch._id, action: 'member.confirm' })).toBe(1);

    // The state read is stale now: refused without asking the rule again.
    const fresh = await Member.findById(member._id).lean();
    await expect(confirm(actor(1), fresh as typeof member)).rejects.toEqual(
      refusal('error-action-unavailable'),
    );
  });
});
