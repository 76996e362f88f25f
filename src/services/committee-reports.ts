import type { Types } from 'mongoose';
import type { BranchDoc } from '../db/models/branch.js';
import type { CommitteeCommentRecord } from '../db/models/committee-comment.js';
import type { Models } from '../db/models/index.js';
import { unwrap } from '../domain/errors.js';
import { validateText } from '../domain/text.js';
import {
  committeeAudit,
  requireCommittee,
  type Committee,
  type CommitteeActor,
} from './committee-service.js';
import { createCommitteeTree } from './committee-tree.js';
import { ServiceError } from './errors.js';
import { quarterDays } from './export/quarter-sheet.js';

type Id = Types.ObjectId;

/** One branch's line of the committee's quarterly roll-up (践诺情况汇总). */
export interface RollupRow {
  readonly branchId: string;
  readonly name: string;
  readonly members: number;
  readonly done: number;
  readonly overdue: number;
  readonly inProgress: number;
}
export interface Rollup {
  readonly quarter: string;
  readonly rows: readonly RollupRow[];
  readonly total: Omit<RollupRow, 'branchId' | 'name'>;
  readonly comments: readonly (CommitteeCommentRecord & { branchName: string })[];
}

/**
 * The committee's quarterly roll-up of its branches' fulfilment reports, and its commentary on each
 * branch (ledger kept, audited). Figures are the branches' own quarterly counts
 * (src/domain/quarter-fulfilment.ts), summed per branch inside the store in one aggregation.
 */
export function createCommitteeReports({ models, clock }: { models: Models; clock: () => Date }) {
  const tree = createCommitteeTree({ models, clock });
  const audit = committeeAudit(models, clock);
  const { PledgeItem, Member, CommitteeComment } = models;

  /** Done in the quarter; accepted and open: overdue when due before the cutoff, else in progress. */
  async function counts(ids: Id[], quarter: string, today: string) {
    const { from, to } = quarterDays(quarter);
    const cutoff = today < to ? today : to;
    const open = { $in: ['$status', ['approved', 'claimed']] };
    const when = (c: object) => ({ $sum: { $cond: [c, 1, 0] } });
    const [items, members] = await Promise.all([
      PledgeItem.aggregate<{ _id: Id; done: number; overdue: number; inProgress: number }>([
        { $match: { branchId: { $in: ids }, status: { $in: ['done', 'approved', 'claimed'] } } },
        {
          $group: {
            _id: '$branchId',
            done: when({
              $and: [{ $eq: ['$status', 'done'] }, { $gte: ['$doneOn', from] }, { $lt: ['$doneOn', to] }],
            }),
            overdue: when({ $and: [open, { $lt: ['$dueDate', cutoff] }] }),
            inProgress: when({ $and: [open, { $gte: ['$dueDate', cutoff] }] }),
          },
        },
      ]).exec(),
      Member.aggregate<{ _id: Id; n: number }>([
        { $match: { branchId: { $in: ids }, status: 'active' } },
        { $group: { _id: '$branchId', n: { $sum: 1 } } },
      ]).exec(),
    ]);
    return {
      items: new Map(items.map((r) => [String(r._id), r])),
      members: new Map(members.map((r) => [String(r._id), r.n])),
    };
  }

  /** The tree's branch of that name (a branch outside the tree is refused: siblings' business). */
  async function branchOfTree(committee: Committee, name: string): Promise<BranchDoc> {
    const branch = (await tree.treeBranches(committee)).find((b) => b.name === name.trim());
    if (!branch) throw new ServiceError('error-committee-branch-not-in-tree', { name: name.trim() });
    return branch;
  }

  /** Every branch of the tree with its quarter's counts, the totals, and the quarter's commentary. */
  async function rollupOf(committee: Committee, quarter: string, today: string): Promise<Rollup> {
    const branches = await tree.treeBranches(committee);
    const c = await counts(
      branches.map((b) => b._id),
      quarter,
      today,
    );
    const rows = branches
      .map((b) => {
        const k = String(b._id);
        const i = c.items.get(k);
        return {
          branchId: k,
          name: b.name,
          members: c.members.get(k) ?? 0,
          done: i?.done ?? 0,
          overdue: i?.overdue ?? 0,
          inProgress: i?.inProgress ?? 0,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
    const sum = (f: 'members' | 'done' | 'overdue' | 'inProgress') => rows.reduce((s, r) => s + r[f], 0);
    const names = new Map(branches.map((b) => [String(b._id), b.name]));
    const comments = await CommitteeComment.find({ committeeId: committee._id, quarter })
      .sort({ createdAt: 1 })
      .lean<CommitteeCommentRecord[]>();
    return {
      quarter,
      rows,
      total: {
        members: sum('members'),
        done: sum('done'),
        overdue: sum('overdue'),
        inProgress: sum('inProgress'),
      },
      comments: comments.map((x) => ({
        ...x,
        branchName: names.get(String(x.branchId)) ?? String(x.branchId),
      })),
    };
  }

  return {
    branchOfTree,

    /** The quarter's roll-up for a committee's secretary or member, as of `today` (the committee's day). */
    async rollup(
      committee: Committee,
      actor: CommitteeActor,
      quarter: string,
      today: string,
    ): Promise<Rollup> {
      requireCommittee(actor, 'view');
      return rollupOf(committee, quarter, today);
    },

    /** The roll-up without an actor: the worker's quarterly post to the committee's own group. */
    rollupOf,

    /**
     * `/comment <branch> <text>`: the committee's commentary on one of its branches for the quarter,
     * kept in the ledger and audited; the caller sends it to the branch's group.
     */
    async comment(
      committee: Committee,
      actor: CommitteeActor,
      input: { branchName: string; text: string; quarter: string },
    ): Promise<{ branch: BranchDoc; comment: CommitteeCommentRecord }> {
      requireCommittee(actor, 'comment');
      const text = unwrap(validateText('comment', input.text));
      const branch = await branchOfTree(committee, input.branchName);
      const inTreeOf = (await tree.ancestors(branch._id)).map((c) => String(c._id));
      requireCommittee({ ...actor, committeeId: String(committee._id) }, 'comment', { inTreeOf });
      const created = await CommitteeComment.create({
        committeeId: committee._id,
        branchId: branch._id,
        quarter: input.quarter,
        text,
        byUserId: actor.userId,
      });
      const comment = created.toObject() as CommitteeCommentRecord;
      await audit({
        committeeId: committee._id,
        actorId: actor.userId,
        action: 'committee.comment',
        target: `branch:${String(branch._id)}`,
        after: comment,
      });
      return { branch, comment };
    },
  };
}
export type CommitteeReports = ReturnType<typeof createCommitteeReports>;
