import { randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import type { AffiliationRecord } from '../db/models/affiliation.js';
import type { BranchDoc } from '../db/models/branch.js';
import type { CommitteeInviteRecord } from '../db/models/committee-invite.js';
import type { Models } from '../db/models/index.js';
import { inviteCode, INVITE_VALID_DAYS, mayJoin, parseInviteCode } from '../domain/committee.js';
import { unwrap } from '../domain/errors.js';
import {
  committeeAudit,
  requireCommittee,
  type Committee,
  type CommitteeActor,
} from './committee-service.js';
import { ServiceError } from './errors.js';

/** A unit that joins a committee: a branch, or a general branch (党总支) joining a committee. */
export type Child = { kind: 'branch'; unit: BranchDoc } | { kind: 'general'; unit: Committee };

/** One node of a committee's tree: a branch, or a general branch with its branches. */
export type TreeNode =
  | { kind: 'branch'; name: string; branch: BranchDoc }
  | { kind: 'general'; name: string; general: Committee; branches: BranchDoc[] };

/** Every branch of a tree, flat. */
export const branchesOfTree = (nodes: readonly TreeNode[]): BranchDoc[] =>
  nodes.flatMap((n) => (n.kind === 'branch' ? [n.branch] : n.branches));

/**
 * The committee tree: one-time invites, a branch's secretary confirming the join, leaving and
 * moving (each closes the current affiliation and keeps it as history), and reading the tree.
 */
export function createCommitteeTree({ models, clock }: { models: Models; clock: () => Date }) {
  const audit = committeeAudit(models, clock);
  const { Affiliation, CommitteeInvite, Committee, Branch } = models;

  async function current(childId: Types.ObjectId) {
    return Affiliation.findOne({ childId, current: true }).lean<AffiliationRecord>();
  }

  /** The committee's children, and the branches under each general branch: two indexed reads per level. */
  async function tree(committee: Committee): Promise<TreeNode[]> {
    const top = await Affiliation.find({ parentId: committee._id, current: true }).lean<
      AffiliationRecord[]
    >();
    const generals = await Committee.find({
      _id: { $in: top.filter((a) => a.childKind === 'general').map((a) => a.childId) },
    }).lean<Committee[]>();
    const lower = await Affiliation.find({
      parentId: { $in: generals.map((g) => g._id) },
      current: true,
    }).lean<AffiliationRecord[]>();
    const branchIds = [...top, ...lower].filter((a) => a.childKind === 'branch').map((a) => a.childId);
    const branches = await Branch.find({ _id: { $in: branchIds } }).lean<BranchDoc[]>();
    const byId = new Map(branches.map((b) => [String(b._id), b]));
    const under = (parent: Types.ObjectId, list: AffiliationRecord[]) =>
      list
        .filter((a) => a.parentId.equals(parent) && a.childKind === 'branch' && byId.has(String(a.childId)))
        .map((a) => byId.get(String(a.childId))!)
        .sort((a, b) => a.name.localeCompare(b.name));
    const nodes: TreeNode[] = [
      ...generals.map((g) => ({
        kind: 'general' as const,
        name: g.name,
        general: g,
        branches: under(g._id, lower),
      })),
      ...under(committee._id, top).map((b) => ({ kind: 'branch' as const, name: b.name, branch: b })),
    ];
    return nodes.sort((a, b) => a.name.localeCompare(b.name));
  }

  return {
    tree,
    current,
    /** The branches of the committee's tree (through its general branches too). */
    async treeBranches(committee: Committee): Promise<BranchDoc[]> {
      return branchesOfTree(await tree(committee));
    },

    /**
     * The committees above a branch, nearest first: its parent, and the committee above that
     * parent when the parent is a general branch (党总支). Inactive ones are left out.
     */
    async ancestors(childId: Types.ObjectId): Promise<Committee[]> {
      const out: Committee[] = [];
      let link = await current(childId);
      for (let depth = 0; link && depth < 2; depth++) {
        const parent = await Committee.findById(link.parentId).lean<Committee>();
        if (!parent) break;
        if (parent.active) out.push(parent);
        link = parent.kind === 'general' ? await current(parent._id) : null;
      }
      return out;
    },

    /** `/invite`: a one-time code, valid for INVITE_VALID_DAYS; the committee's secretary only. */
    async invite(committee: Committee, actor: CommitteeActor): Promise<CommitteeInviteRecord> {
      requireCommittee(actor, 'invite');
      const expiresAt = new Date(clock().getTime() + INVITE_VALID_DAYS * 86_400_000);
      const created = await CommitteeInvite.create({
        code: inviteCode(randomBytes(8)),
        committeeId: committee._id,
        createdBy: actor.userId,
        expiresAt,
      });
      const inv = created.toObject() as CommitteeInviteRecord;
      await audit({
        committeeId: committee._id,
        actorId: actor.userId,
        action: 'committee.invite',
        target: inv.code,
        after: inv,
      });
      return inv;
    },

    /**
     * The child's secretary confirms joining with a code (the caller checked they are its
     * secretary). The code is spent once; a child already under another parent moves: the old
     * affiliation is closed and kept. Both committees' logs record it.
     */
    async join(child: Child, actorId: number, typed: string): Promise<Committee> {
      const code = unwrap(parseInviteCode(typed));
      const now = clock();
      const inv = await CommitteeInvite.findOne({ code }).lean<CommitteeInviteRecord>();
      if (!inv || inv.usedAt || inv.expiresAt <= now)
        throw new ServiceError('error-committee-invite-invalid');
      const parent = await Committee.findById(inv.committeeId).lean<Committee>();
      if (!parent?.active) throw new ServiceError('error-committee-invite-invalid');
      if (!mayJoin(child.kind, parent.kind) || parent._id.equals(child.unit._id))
        throw new ServiceError('error-committee-cannot-join', { name: parent.name });
      const before = await current(child.unit._id);
      if (before?.parentId.equals(parent._id))
        throw new ServiceError('error-committee-already-joined', { name: parent.name });
      const spent = await CommitteeInvite.updateOne(
        { _id: inv._id, usedAt: null },
        { $set: { usedAt: now, usedBy: child.unit._id } },
      );
      if (spent.modifiedCount !== 1) throw new ServiceError('error-committee-invite-invalid');
      if (before)
        await Affiliation.updateOne(
          { _id: before._id, current: true },
          { $set: { current: false, to: now } },
        );
      await Affiliation.create({
        childId: child.unit._id,
        childKind: child.kind,
        parentId: parent._id,
        current: true,
        from: now,
        inviteCode: code,
        confirmedBy: actorId,
      });
      const entry = {
        actorId,
        target: `${child.kind}:${String(child.unit._id)}`,
        before: before ?? undefined,
      };
      await audit({
        ...entry,
        committeeId: parent._id,
        action: before ? 'tree.move-in' : 'tree.join',
        after: { parentId: parent._id },
      });
      if (before)
        await audit({
          ...entry,
          committeeId: before.parentId,
          action: 'tree.move-out',
          after: { parentId: parent._id },
        });
      return parent;
    },

    /** The child's secretary takes it out of its committee; the affiliation is closed, not deleted. */
    async leave(child: Child, actorId: number): Promise<Committee> {
      const before = await current(child.unit._id);
      if (!before) throw new ServiceError('error-committee-not-joined');
      const parent = (await Committee.findById(before.parentId).lean<Committee>())!;
      await Affiliation.updateOne(
        { _id: before._id, current: true },
        { $set: { current: false, to: clock() } },
      );
      await audit({
        committeeId: before.parentId,
        actorId,
        action: 'tree.leave',
        target: `${child.kind}:${String(child.unit._id)}`,
        before,
      });
      return parent;
    },
  };
}
export type CommitteeTree = ReturnType<typeof createCommitteeTree>;
