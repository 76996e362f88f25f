import { dateTimeLabel, listLabel } from '../../domain/locale-format.js';
import type { Locale } from '../../domain/locale.js';
import type { RoundProgress } from '../../services/round-progress.js';
import { roundStateText } from '../round-state-text.js';
import { gapLines } from './round-gaps.js';

type T = (key: string, params?: Record<string, string | number>) => string;

/** `/progress` in one message: the round's state and gaps, pledges, and what awaits review. */
export function renderProgress(
  t: T,
  p: RoundProgress,
  opts: { branch: string; locale: Locale; timeZone: string },
): string {
  const { locale } = opts;
  const each = (key: string, list: RoundProgress['overdue']) =>
    listLabel(
      list.map((x) => t(key, { name: x.member.realName, count: x.count })),
      locale,
    );
  const sum = (list: RoundProgress['overdue']) => list.reduce((n, x) => n + x.count, 0);
  const lines = [
    t('progress-title', { branch: opts.branch, at: dateTimeLabel(p.at, opts.timeZone, locale) }),
    roundStateText(p.state, t, locale, opts.timeZone),
    ...(p.gaps ? gapLines(t, p.gaps, locale) : []),
    p.leadingShort.length
      ? t('progress-leading-short', {
          min: p.leadingMin,
          count: p.leadingShort.length,
          names: each('progress-leading-short-each', p.leadingShort),
        })
      : t('progress-leading-ok', { min: p.leadingMin }),
    p.overdue.length
      ? t('progress-overdue', { count: sum(p.overdue), names: each('progress-overdue-each', p.overdue) })
      : t('progress-overdue-none'),
    Object.values(p.pending).some((n) => n > 0)
      ? t('progress-pending', p.pending)
      : t('progress-pending-none'),
  ];
  return lines.join('\n');
}
