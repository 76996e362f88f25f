import { TIE_BREAKS } from '../../domain/red-flag.js';
import type { Locale } from '../../domain/locale.js';
import { listLabel } from '../../domain/locale-format.js';
import { recomputeRedFlag, type RedFlagAward } from '../../services/committee-comparison.js';
import { periodLabel } from '../../services/committee-posts.js';
import type { Committee } from '../../services/committee-service.js';

type T = (key: string, params?: Record<string, string | number>) => string;
/** Ranked lines shown; the rest are counted (Telegram's 4,096 characters). */
const LINES_MAX = 20;

/**
 * `/redflag why`: the stored award explained from its stored inputs alone: the rule and its
 * weights, every branch's index from its figures, how a tie was broken, the holder before, and
 * whether recomputing from the stored inputs gives the stored answer.
 */
export function explainRedFlag(t: T, locale: Locale, committee: Committee, award: RedFlagAward): string {
  const { inputs, result } = award;
  const w = inputs.rule.weights;
  const name = (id: string) => inputs.names[id] ?? id;
  const figures = new Map(inputs.figures.map((f) => [f.branchId, f]));
  const ranked = result.ranking.filter((r) => r.eligible);
  const lines = ranked.slice(0, LINES_MAX).map((r, i) => {
    const f = figures.get(r.branchId)!;
    return t('redflag-why-line', {
      rank: i + 1,
      name: name(r.branchId),
      index: r.index,
      avg: f.averageScore,
      part: r.participation,
      over: r.overdueScore,
      rated: f.rated,
      overdue: f.overdueItems,
    });
  });
  if (ranked.length > LINES_MAX) lines.push(t('redflag-why-more', { count: ranked.length - LINES_MAX }));
  const ineligible = result.ranking.filter((r) => !r.eligible).slice(0, LINES_MAX);
  const tie = result.tieBrokenBy
    ? TIE_BREAKS.slice(0, TIE_BREAKS.indexOf(result.tieBrokenBy) + 1).map((k) => t(`redflag-tie-${k}`))
    : [];
  const same = JSON.stringify(recomputeRedFlag(inputs)) === JSON.stringify(result);
  return [
    t('redflag-why-title', {
      committee: committee.name,
      period: periodLabel(award.period, locale),
      version: inputs.rule.version,
    }),
    t('redflag-why-rule', { wAvg: w.averageScore, wPart: w.participation, wOver: w.overdue }),
    result.winnerId ? t('redflag-why-winner', { winner: name(result.winnerId) }) : t('redflag-why-nobody'),
    '',
    ...lines,
    ...ineligible.map((r) => t('redflag-why-ineligible', { name: name(r.branchId) })),
    ...(tie.length ? [t('redflag-why-tie', { by: listLabel(tie, locale) })] : []),
    ...(inputs.previousHolderId ? [t('redflag-why-previous', { name: name(inputs.previousHolderId) })] : []),
    t(same ? 'why-recomputes' : 'why-differs'),
  ].join('\n');
}
