import type { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import type { RatingRoundRecord } from '../db/models/rating-round.js';
import { dateTimeLabel, monthLabel } from '../domain/locale-format.js';
import { roundState, type RoundState } from '../domain/round-state.js';
import type { BranchSettings } from '../domain/settings.js';
import type { Locale } from '../domain/locale.js';

type T = (key: string, params?: Record<string, string | number>) => string;

/** The branch's latest round (by month) and the state it puts the branch in at `now`. */
export async function branchRoundState(
  models: Models,
  branchId: Types.ObjectId,
  now: Date,
  s: BranchSettings,
): Promise<RoundState> {
  const latest = await models.RatingRound.findOne({ branchId }).sort({ month: -1 }).lean<RatingRoundRecord>();
  return roundState(latest, now, s);
}

/** The state in words, month named: "the December round closed, provisional …; January's opens …". */
export function roundStateText(st: RoundState, t: T, locale: Locale, tz: string): string {
  const month = (m: string) => monthLabel(m, locale);
  const at = (d: Date) => dateTimeLabel(d, tz, locale);
  const lines: string[] = [];
  if (st.kind === 'open') return t('round-state-open', { month: month(st.month), close: at(st.closeAt) });
  if (st.kind === 'provisional')
    lines.push(
      t('round-state-provisional', {
        month: month(st.month),
        deadline: st.objectionDeadline ? at(st.objectionDeadline) : '-',
      }),
    );
  if (st.kind === 'final') lines.push(t('round-state-final', { month: month(st.month) }));
  lines.push(t('round-state-next', { month: month(st.next.month), open: at(st.next.openAt) }));
  return lines.join('\n');
}
