import { listLabel } from '../../domain/locale-format.js';
import type { Locale } from '../../domain/locale.js';
import type { RoundGapList } from '../../services/round-gaps.js';

type T = (key: string, params?: Record<string, string | number>) => string;

/**
 * Who has not yet rated, one line per kind that has anyone (names; for ballots the count each
 * member has, never who cast them), or the one line saying everyone has.
 */
export function gapLines(t: T, g: RoundGapList, locale: Locale): string[] {
  const names = (ms: { realName: string }[]) =>
    listLabel(
      ms.map((m) => m.realName),
      locale,
    );
  const lines: string[] = [];
  if (g.selfMissing.length)
    lines.push(t('round-gap-self', { count: g.selfMissing.length, names: names(g.selfMissing) }));
  if (g.ballotsUnderMin.length) {
    const each = g.ballotsUnderMin.map((f) =>
      t('round-gap-ballots-each', { name: f.member.realName, ballots: f.ballots }),
    );
    lines.push(
      t('round-gap-ballots', {
        min: g.massesMinBallots,
        count: g.ballotsUnderMin.length,
        names: listLabel(each, locale),
      }),
    );
  }
  if (g.orgMissing.length)
    lines.push(t('round-gap-org', { count: g.orgMissing.length, names: names(g.orgMissing) }));
  return lines.length ? lines : [t('round-gap-none')];
}
