import type { FeedbackRecord } from '../../db/models/feedback.js';
import type { FeedbackKind } from '../../domain/feedback.js';
import type { ExportContext } from './context.js';
import { dayCell, type SheetSpec } from './sheet.js';

/** One entry of the feedback book (意见簿) as exported; an anonymous one has no sender at all. */
export interface FeedbackRow {
  date: string | null;
  kind: FeedbackKind;
  about: string;
  text: string;
  /** Empty for anonymous entries: the store has no sender for them. */
  sender: string;
  anonymous: boolean;
  handled: boolean;
  outcome: string;
  upheld: boolean | undefined;
}

export const FEEDBACK_SHEET: SheetSpec<FeedbackRow> = {
  name: 'export-sheet-feedback',
  columns: [
    { header: 'export-col-date', width: 12, kind: 'date', value: (r) => dayCell(r.date) },
    { header: 'export-col-kind', width: 8, kind: 'string', value: (r, t) => t(`export-feedback-${r.kind}`) },
    {
      header: 'export-col-about',
      width: 12,
      kind: 'string',
      value: (r, t) => r.about || t('export-about-branch'),
    },
    { header: 'export-col-content', width: 40, kind: 'string', value: (r) => r.text },
    {
      header: 'export-col-sender',
      width: 12,
      kind: 'string',
      value: (r, t) => (r.anonymous ? t('export-anonymous') : r.sender),
    },
    {
      header: 'export-col-handling',
      width: 10,
      kind: 'string',
      value: (r, t) => t(r.handled ? 'export-handled' : 'export-open'),
    },
    { header: 'export-col-outcome', width: 30, kind: 'string', value: (r) => r.outcome },
    {
      header: 'export-col-upheld',
      width: 10,
      kind: 'string',
      value: (r, t) => (r.upheld === undefined ? '' : t(r.upheld ? 'export-upheld-yes' : 'export-upheld-no')),
    },
  ],
};

/** The period's feedback, oldest first, streamed from the store. */
export async function* feedbackRows(ctx: ExportContext): AsyncGenerator<FeedbackRow> {
  const from = new Date(`${ctx.period.from}T00:00:00Z`);
  const to = new Date(`${ctx.period.to}T00:00:00Z`);
  // A day's margin either side for the zone; the exact local day is checked below.
  const cursor = ctx.models.Feedback.find({
    branchId: ctx.branch._id,
    createdAt: { $gte: new Date(from.getTime() - 86_400_000), $lt: new Date(to.getTime() + 86_400_000) },
  })
    // Entries of one day have no order of their own (random ids, the day as their time).
    .sort({ createdAt: 1, kind: 1, _id: 1 })
    .lean<FeedbackRecord>()
    .cursor();
  for await (const f of cursor as AsyncIterable<FeedbackRecord>) {
    const date = ctx.day(f.createdAt);
    if (!date || date < ctx.period.from || date >= ctx.period.to) continue;
    yield {
      date,
      kind: f.kind,
      about: ctx.member(f.memberId)?.realName ?? '',
      text: f.text,
      sender: f.anonymous || f.senderUserId === undefined ? '' : await ctx.nameOf(f.senderUserId),
      anonymous: f.anonymous,
      handled: f.status === 'handled',
      outcome: f.outcome ?? '',
      upheld: f.upheld,
    };
  }
}
