import type { Types } from 'mongoose';
import { addMonths, instantAt } from '../domain/calendar.js';
import { overdueCutoff, type OrgScoreFacts } from '../domain/org-score.js';
import type { Models } from '../db/models/index.js';
import { coalesce, coalesceBy } from './rating-batch.js';

/** The facts of the organisation-score rule for every member of a branch in one month. */
export type OrgFactsSource = (
  branchId: Types.ObjectId,
  /** May be a promise: the queries do not need the ids, so they start before the ids are known. */
  memberIds: readonly Types.ObjectId[] | PromiseLike<readonly Types.ObjectId[]>,
  month: string,
  tz: string,
  /** The round's closing instant (or now, while it is open): overdue is judged as of it. */
  asOf: Date,
) => Promise<Map<string, OrgScoreFacts>>;

const ZERO: OrgScoreFacts = {
  verifiedDeeds: 0,
  pledgeItemsDone: 0,
  pledgeItemsOverdue: 0,
  upheldComplaints: 0,
  praise: 0,
};

/**
 * The month's first day and the next month's, and their instants in a zone (calendar and
 * time-zone arithmetic is a visible cost per branch).
 */
const bounds = new Map<string, { from: string; to: string; fromAt: Date; toAt: Date }>();
function monthBounds(month: string, tz: string) {
  const key = `${month}|${tz}`;
  let b = bounds.get(key);
  if (!b) {
    const from = `${month}-01`;
    const to = `${addMonths(month, 1)}-01`;
    b = { from, to, fromAt: instantAt(from, 0, tz), toAt: instantAt(to, 0, tz) };
    if (bounds.size >= 256) bounds.clear();
    bounds.set(key, b);
  }
  return { from: b.from, to: b.to, fromAt: new Date(b.fromAt), toAt: new Date(b.toAt) };
}

/**
 * Reads the facts from deeds, pledge items and the feedback book: verified deeds dated in the
 * month, items done in the month, items not done whose due date passed as of the close (see
 * overdueCutoff), complaints handled
 * and upheld in the month, praise received in the month. A few branch-wide queries (shared by the
 * branches whose facts are read at the same moment), counted here.
 */
export function orgFactsFromStore(models: Pick<Models, 'Deed' | 'PledgeItem' | 'Feedback'>): OrgFactsSource {
  type Row = { branchId: Types.ObjectId; memberId?: Types.ObjectId };
  const deeds = monthlyRead((branchId, { from, to }) =>
    models.Deed.find(
      { branchId, status: 'verified', date: { $gte: from, $lt: to } },
      { branchId: 1, memberId: 1 },
    )
      .lean<Row[]>()
      .exec(),
  );
  const items = monthlyRead((branchId, { from, to, cutoff }) =>
    models.PledgeItem.find(
      {
        branchId,
        status: { $in: ['done', 'approved', 'claimed'] },
        $or: [
          { status: 'done', doneOn: { $gte: from, $lt: to } },
          { status: { $in: ['approved', 'claimed'] }, dueDate: { $lt: cutoff } },
        ],
      },
      { branchId: 1, memberId: 1, status: 1 },
    )
      .lean<(Row & { status: string })[]>()
      .exec(),
  );
  const feedback = monthlyRead((branchId, { fromAt, toAt }) =>
    models.Feedback.find(
      {
        branchId,
        $or: [
          { kind: 'complaint', status: 'handled', upheld: true, handledAt: { $gte: fromAt, $lt: toAt } },
          { kind: 'praise', createdAt: { $gte: fromAt, $lt: toAt } },
        ],
      },
      { branchId: 1, memberId: 1, kind: 1 },
    )
      .lean<(Row & { kind: string })[]>()
      .exec(),
  );
  return async (branchId, memberIds, month, tz, asOf) => {
    const group = `${month}|${tz}`;
    const itemGroup = `${group}|${overdueCutoff(month, asOf, tz)}`;
    // Three round trips: items done and items overdue differ by status, complaints and praise
    // by kind, so each pair is one query split here by that field.
    const [ids, deedRows, itemRows, feedbackRows] = await Promise.all([
      memberIds,
      deeds(group, branchId),
      items(itemGroup, branchId),
      feedback(group, branchId),
    ]);
    const done = itemRows.filter((i) => i.status === 'done');
    const overdue = itemRows.filter((i) => i.status !== 'done');
    const complaints = feedbackRows.filter((f) => f.kind === 'complaint');
    const praise = feedbackRows.filter((f) => f.kind === 'praise');
    const facts = new Map<string, { -readonly [K in keyof OrgScoreFacts]: number }>(
      ids.map((id) => [String(id), { ...ZERO }]),
    );
    const count = (rows: { memberId?: Types.ObjectId }[], key: keyof OrgScoreFacts) => {
      for (const row of rows) {
        const f = row.memberId && facts.get(String(row.memberId));
        if (f) f[key] += 1;
      }
    };
    count(deedRows, 'verifiedDeeds');
    count(done, 'pledgeItemsDone');
    count(overdue, 'pledgeItemsOverdue');
    count(complaints, 'upheldComplaints');
    count(praise, 'praise');
    return facts;
  };
}

/**
 * One kind of month's rows of a branch, read by `month|zone[|cutoff]` group: the same month's facts of
 * branches closing together are read together (see coalesce).
 */
function monthlyRead<R extends { branchId: Types.ObjectId }>(
  read: (
    branchId: Types.ObjectId | { $in: Types.ObjectId[] },
    bounds: ReturnType<typeof monthBounds> & { cutoff: string },
  ) => Promise<R[]>,
) {
  return coalesceBy((group) => {
    const [month, tz, cutoff] = group.split('|') as [string, string, string | undefined];
    const b = { ...monthBounds(month, tz), cutoff: cutoff ?? '' };
    return coalesce(
      (branchId) => read(branchId, b),
      (r) => r.branchId,
    );
  });
}
