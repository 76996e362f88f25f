import type { BranchDoc } from '../db/models/branch.js';
import type { Models } from '../db/models/index.js';
import type { Locale } from '../domain/locale.js';
import { monthLabel, quarterLabel } from '../domain/locale-format.js';
import { settingsOf } from './branch-settings.js';
import {
  comparisonRows,
  type CommitteeComparison,
  type ComparisonAward,
  type RedFlagAward,
} from './committee-comparison.js';
import { renderComparisonChart } from './comparison-chart.js';
import type { Rollup } from './committee-reports.js';
import type { Committee } from './committee-service.js';
import type { OutgoingMessage, Translate } from './notice.js';

/** Table lines in the comparison post; the rest are counted (Telegram's 4,096 characters). */
export const COMPARISON_TABLE_MAX = 20;
/** Branches drawn in the comparison chart (a photo's sides may sum to 10,000 px at most). */
export const COMPARISON_CHART_MAX = 60;

/** '2026-11' or '2026Q4' in words. */
export const periodLabel = (period: string, locale: Locale) =>
  period.includes('Q') ? quarterLabel(period, locale) : monthLabel(period, locale);

const committeeLocale = (c: Committee): Locale => c.settings?.language ?? 'zh';

/** The comparison table, the chart photo and the stars of the month, for the committee's group. */
export function comparisonPosts(
  t: Translate,
  committee: Committee,
  award: ComparisonAward,
): OutgoingMessage[] {
  const locale = committeeLocale(committee);
  const { inputs, result } = award;
  const month = monthLabel(inputs.month, locale);
  const rows = comparisonRows(inputs);
  const key = (kind: string) => `${kind}:${String(committee._id)}:${inputs.month}`;
  const lines = rows.slice(0, COMPARISON_TABLE_MAX).map((r, i) =>
    r.rated === 0
      ? t(locale, 'comparison-line-none', { rank: i + 1, name: r.name })
      : t(locale, 'comparison-line', {
          rank: i + 1,
          name: r.name,
          avg: r.averageScore,
          pass: r.passRate,
          deeds: r.deedsPerMember,
          overdue: r.overdueItems,
        }),
  );
  if (rows.length > COMPARISON_TABLE_MAX)
    lines.push(
      t(locale, 'comparison-more', {
        count: rows.length - COMPARISON_TABLE_MAX,
        chart: Math.min(rows.length, COMPARISON_CHART_MAX),
      }),
    );
  const title = t(locale, 'comparison-title', { committee: committee.name, month, count: rows.length });
  const branchName = (id: string) => inputs.names[id] ?? id;
  const stars = result.stars.map((s, i) =>
    t(locale, 'stars-line', {
      rank: i + 1,
      name: inputs.memberNames[s.memberId] ?? s.memberId,
      branch: branchName(s.branchId),
      total: s.total,
      deeds: s.deedsVerified,
    }),
  );
  const starsTitle = t(locale, 'stars-title', {
    committee: committee.name,
    month,
    version: inputs.starsRule.version,
  });
  return [
    { key: key('cmp'), chatId: committee.chatId, text: [title, '', ...lines].join('\n') },
    {
      key: key('cmp-chart'),
      chatId: committee.chatId,
      chart: { kind: 'comparison', committeeId: String(committee._id), month: inputs.month, locale },
      caption: t(locale, 'comparison-chart-caption', { committee: committee.name, month }),
    },
    {
      key: key('stars'),
      chatId: committee.chatId,
      text: [
        starsTitle,
        '',
        ...(stars.length ? stars : [t(locale, 'stars-none', { min: inputs.starsRule.minTotal })]),
      ].join('\n'),
    },
  ];
}

/** The red flag's announcement: in the committee's group and in every branch group of the tree. */
export function redFlagPosts(
  t: Translate,
  committee: Committee,
  award: RedFlagAward,
  branches: readonly BranchDoc[],
): OutgoingMessage[] {
  const { inputs, result } = award;
  const w = inputs.rule.weights;
  const winner = result.ranking.find((r) => r.branchId === result.winnerId);
  const text = (locale: Locale) => {
    const period = periodLabel(award.period, locale);
    return winner
      ? t(locale, 'redflag-announce', {
          period,
          committee: committee.name,
          winner: inputs.names[winner.branchId] ?? winner.branchId,
          index: winner.index,
          version: inputs.rule.version,
          wAvg: w.averageScore,
          wPart: w.participation,
          wOver: w.overdue,
        })
      : t(locale, 'redflag-announce-none', { period, committee: committee.name });
  };
  const key = (chatId: number) => `redflag:${String(committee._id)}:${award.period}:${chatId}`;
  return [
    { key: key(committee.chatId), chatId: committee.chatId, text: text(committeeLocale(committee)) },
    ...branches
      .filter((b) => b.active)
      .map((b) => ({ key: key(b.chatId), chatId: b.chatId, text: text(settingsOf(b).language) })),
  ];
}

/** The comparison chart's PNG for the sender, drawn from the stored award. */
export async function comparisonChart(
  models: Pick<Models, 'Committee'>,
  comparison: Pick<CommitteeComparison, 'comparisonOf'>,
  t: Translate,
  spec: { committeeId: string; month: string; locale: Locale },
): Promise<Buffer> {
  const [committee, award] = await Promise.all([
    models.Committee.findById(spec.committeeId).lean<Committee>(),
    comparison.comparisonOf(spec.committeeId, spec.month),
  ]);
  if (!committee || !award) throw new Error(`no comparison ${spec.committeeId} ${spec.month}`);
  const { locale } = spec;
  const series = ['avg', 'pass', 'deeds', 'overdue'] as const;
  return renderComparisonChart(comparisonRows(award.inputs).slice(0, COMPARISON_CHART_MAX), {
    title: t(locale, 'comparison-chart-caption', {
      committee: committee.name,
      month: monthLabel(spec.month, locale),
    }),
    legend: series.map((s) => t(locale, `comparison-chart-${s}`)) as [string, string, string, string],
  });
}

/** Branch lines in the message; the sheet has them all. */
const ROLLUP_LINES_MAX = 40;

/** `/rollup`: the quarter's fulfilment per branch, the totals, and how many comments the ledger has. */
export function rollupText(
  t: (key: string, params?: Record<string, string | number>) => string,
  committee: string,
  quarter: string,
  r: Rollup,
): string {
  const lines = r.rows.slice(0, ROLLUP_LINES_MAX).map((row, i) =>
    t('committee-rollup-line', {
      rank: i + 1,
      name: row.name,
      members: row.members,
      done: row.done,
      overdue: row.overdue,
      inProgress: row.inProgress,
    }),
  );
  if (r.rows.length > ROLLUP_LINES_MAX)
    lines.push(t('committee-rollup-more', { count: r.rows.length - ROLLUP_LINES_MAX }));
  return [
    t('committee-rollup-title', { committee, quarter, count: r.rows.length }),
    '',
    ...lines,
    '',
    t('committee-rollup-total', { ...r.total }),
    ...(r.comments.length ? [t('committee-rollup-comments', { count: r.comments.length })] : []),
  ].join('\n');
}
