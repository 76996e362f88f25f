import { describe, expect, it } from 'vitest';
import type { Models } from '../../src/db/models/index.js';
import { createCommitteeOverview } from '../../src/services/committee-overview.js';
import { createCommitteeService } from '../../src/services/committee-service.js';
import { branchesOfTree, createCommitteeTree } from '../../src/services/committee-tree.js';
import { storeFixture } from '../support/mongo.js';
import { seedBranch, seedMember } from '../support/seed.js';

let models: Models;
let now = new Date('2026-11-20T02:00:00Z');
const clock = () => now;
storeFixture('committee', (m) => (models = m));
const refusal = (key: string) => expect.objectContaining({ key });

describe('committee tree', () => {
  it('binds, invites, joins through a general branch, moves, leaves, keeps history, audits', async () => {
    const committees = createCommitteeService({ models, clock });
    const tree = createCommitteeTree({ models, clock });
    const sec = { userId: 1, role: 'secretary' as const };
    const top = await committees.bind({
      chatId: -900,
      actorId: 1,
      kind: 'committee',
      name: '机关党委',
      unit: '机关',
    });
    const other = await committees.bind({
      chatId: -901,
      actorId: 2,
      kind: 'committee',
      name: '另一党委',
      unit: '机关',
    });
    const general = await committees.bind({
      chatId: -902,
      actorId: 3,
      kind: 'general',
      name: '第一党总支',
      unit: '中心',
    });
    await expect(
      committees.bind({ chatId: -900, actorId: 1, kind: 'general', name: '重复', unit: 'x' }),
    ).rejects.toEqual(refusal('error-committee-already-bound'));
    const a = await seedBranch(models, -1, 11, { name: '甲支部' });
    const b = await seedBranch(models, -2, 12, { name: '乙支部' });
    await seedMember(models, a._id, 101, { stars: 5 });
    await seedMember(models, a._id, 102, { plateOn: false });
    await seedMember(models, b._id, 201);

    await expect(tree.invite(top, { userId: 9, role: 'member' })).rejects.toEqual(
      refusal('error-committee-secretary-only'),
    );
    await expect(tree.invite(top, { userId: 9, role: 'none' })).rejects.toEqual(
      refusal('error-committee-role-only'),
    );
    const inv1 = await tree.invite(top, sec);
    expect(inv1.code).toMatch(/^[A-Z2-9]{8}$/);
    await tree.join({ kind: 'general', unit: general }, 3, inv1.code.toLowerCase());
    await expect(tree.join({ kind: 'branch', unit: a }, 11, inv1.code)).rejects.toEqual(
      refusal('error-committee-invite-invalid'),
    ); // spent
    const inv2 = await tree.invite(general, { userId: 3, role: 'secretary' });
    await tree.join({ kind: 'branch', unit: a }, 11, inv2.code);
    await tree.join({ kind: 'branch', unit: b }, 12, (await tree.invite(top, sec)).code);
    // A general branch cannot take a committee; codes expire.
    await expect(
      tree.join(
        { kind: 'general', unit: general },
        3,
        (await tree.invite(general, { userId: 3, role: 'secretary' })).code,
      ),
    ).rejects.toEqual(refusal('error-committee-cannot-join'));
    const late = await tree.invite(top, sec);
    now = new Date(now.getTime() + 8 * 86_400_000);
    await expect(tree.join({ kind: 'branch', unit: a }, 11, late.code)).rejects.toEqual(
      refusal('error-committee-invite-invalid'),
    );
    await expect(tree.join({ kind: 'branch', unit: a }, 11, 'bad')).rejects.toEqual(
      refusal('error-committee-bad-code'),
    );

    const nodes = await tree.tree(top);
    expect(
      nodes.map((n) => [n.kind, n.name, n.kind === 'general' ? n.branches.map((x) => x.name) : []]),
    ).toEqual([
      ['branch', '乙支部', []],
      ['general', '第一党总支', ['甲支部']],
    ]);
    expect(
      branchesOfTree(nodes)
        .map((x) => x.name)
        .sort(),
    ).toEqual(['乙支部', '甲支部']);
    expect(await tree.treeBranches(other)).toEqual([]);

    const overview = await createCommitteeOverview(models)([a._id, b._id], '2026-11', '2026-11-28');
    expect(overview.get(String(a._id))).toMatchObject({ members: 2, plates: 1, fiveStar: 1, selfRated: 0 });
    expect(overview.get(String(b._id))).toMatchObject({ members: 1, plates: 1, fiveStar: 0 });

    // B moves to the other committee: the old affiliation is closed and kept; both logs say so.
    await tree.join(
      { kind: 'branch', unit: b },
      12,
      (await tree.invite(other, { userId: 2, role: 'secretary' })).code,
    );
    expect((await tree.treeBranches(top)).map((x) => x.name)).toEqual(['甲支部']);
    expect((await tree.treeBranches(other)).map((x) => x.name)).toEqual(['乙支部']);
    const history = await models.Affiliation.find({ childId: b._id }).sort({ from: 1 }).lean();
    expect(history.map((h) => [String(h.parentId), h.current, Boolean(h.to)])).toEqual([
      [String(top._id), false, true],
      [String(other._id), true, false],
    ]);
    await tree.leave({ kind: 'branch', unit: b }, 12);
    await expect(tree.leave({ kind: 'branch', unit: b }, 12)).rejects.toEqual(
      refusal('error-committee-not-joined'),
    );
    expect(await models.Affiliation.countDocuments({ childId: b._id })).toBe(2);
    const actions = (await models.Audit.find({ committeeId: { $in: [top._id, other._id] } }).lean()).map(
      (e) => `${String(e.committeeId) === String(top._id) ? 'top' : 'other'}:${e.action}`,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'top:committee.bind',
        'top:tree.join',
        'top:tree.move-out',
        'other:tree.move-in',
        'other:tree.leave',
      ]),
    );
  });
});
