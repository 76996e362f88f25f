import type { Rollup } from '../../services/committee-reports.js';

type T = (key: string, params?: Record<string, string | number>) => string;
/** Branch lines in the message; the sheet has them all. */
const LINES_MAX = 40;

/** `/rollup`: the quarter's fulfilment per branch, the totals, and how many comments the ledger has. */
export function renderRollup(t: T, committee: string, quarter: string, r: Rollup): string {
  const lines = r.rows.slice(0, LINES_MAX).map((row, i) =>
    t('committee-rollup-line', {
      rank: i + 1,
      name: row.name,
      members: row.members,
      done: row.done,
      overdue: row.overdue,
      inProgress: row.inProgress,
    }),
  );
  if (r.rows.length > LINES_MAX) lines.push(t('committee-rollup-more', { count: r.rows.length - LINES_MAX }));
  return [
    t('committee-rollup-title', { committee, quarter, count: r.rows.length }),
    '',
    ...lines,
    '',
    t('committee-rollup-total', { ...r.total }),
    ...(r.comments.length ? [t('committee-rollup-comments', { count: r.comments.length })] : []),
  ].join('\n');
}
