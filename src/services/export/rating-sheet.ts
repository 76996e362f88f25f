import type { Types } from 'mongoose';
import type { RatingResultRecord } from '../../db/models/rating-result.js';
import type { ExportContext } from './context.js';
import { dayCell, type SheetSpec } from './sheet.js';

/** One member's month (一月一考评) as exported. */
export interface RatingRow {
  month: string;
  name: string;
  self: number;
  /** Null when the masses did not count (too few ballots). */
  masses: number | null;
  ballots: number;
  organisation: number;
  total: number;
  passed: boolean;
  starsBefore: number;
  starsAfter: number;
  plateOn: boolean;
  final: boolean;
  /** The month's plate and title events, as i18n keys (摘牌, 挂牌, 授牌命名, 年底复评撤销). */
  events: string[];
}

export const RATING_SHEET: SheetSpec<RatingRow> = {
  name: 'export-sheet-ratings',
  columns: [
    { header: 'export-col-month', width: 10, kind: 'month', value: (r) => dayCell(r.month) },
    { header: 'export-col-name', width: 12, kind: 'string', value: (r) => r.name },
    { header: 'export-col-self', width: 8, kind: 'number', value: (r) => r.self },
    { header: 'export-col-masses', width: 10, kind: 'number', value: (r) => r.masses },
    { header: 'export-col-ballots', width: 8, kind: 'number', value: (r) => r.ballots },
    { header: 'export-col-org', width: 10, kind: 'number', value: (r) => r.organisation },
    { header: 'export-col-total', width: 8, kind: 'number', value: (r) => r.total, total: 'average' },
    {
      header: 'export-col-result',
      width: 8,
      kind: 'string',
      value: (r, t) => t(r.passed ? 'export-result-pass' : 'export-result-fail'),
    },
    { header: 'export-col-stars-before', width: 10, kind: 'number', value: (r) => r.starsBefore },
    { header: 'export-col-stars-after', width: 10, kind: 'number', value: (r) => r.starsAfter },
    {
      header: 'export-col-plate',
      width: 8,
      kind: 'string',
      value: (r, t) => t(r.plateOn ? 'export-plate-on' : 'export-plate-off'),
    },
    {
      header: 'export-col-result-status',
      width: 10,
      kind: 'string',
      value: (r, t) => t(r.final ? 'export-result-final' : 'export-result-provisional'),
    },
    {
      header: 'export-col-events',
      width: 16,
      kind: 'string',
      value: (r, t) => r.events.map((e) => t(e)).join(t('export-list-sep')),
    },
  ],
};

/** The period's monthly results, month by month, streamed from the store. */
export async function* ratingRows(ctx: ExportContext, memberId?: Types.ObjectId): AsyncGenerator<RatingRow> {
  const cursor = ctx.models.RatingResult.find({
    branchId: ctx.branch._id,
    month: { $in: [...ctx.period.months] },
    ...(memberId && { memberId }),
  })
    .sort({ month: 1, memberId: 1 })
    .lean<RatingResultRecord>()
    .cursor();
  for await (const r of cursor as AsyncIterable<RatingResultRecord>) {
    const c = r.computation;
    yield {
      month: r.month,
      name: ctx.member(r.memberId)?.realName ?? '',
      self: c.self,
      masses: c.masses,
      ballots: c.ballots,
      organisation: c.organisation,
      total: c.total,
      passed: c.passed,
      starsBefore: r.inputs.before.stars,
      starsAfter: r.after.stars,
      plateOn: r.after.plateOn,
      final: r.status === 'final',
      events: [
        ...(r.change.plateTaken ? ['export-event-plate-taken'] : []),
        ...(r.change.plateRestored ? ['export-event-plate-restored'] : []),
        ...(r.change.titleEarned ? ['export-event-title-earned'] : []),
        ...(r.change.titleRevoked ? ['export-event-title-revoked'] : []),
      ],
    };
  }
}
