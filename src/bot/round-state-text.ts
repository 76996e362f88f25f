import { dateTimeLabel, monthLabel } from '../domain/locale-format.js';
import type { RoundState } from '../domain/round-state.js';
import type { Locale } from '../domain/locale.js';
import type { BranchDoc } from '../db/models/branch.js';
import type { BotContext } from '../context.js';
import { replyLocale } from '../i18n.js';
import { settingsOf } from '../services/branch-settings.js';
import type { RoundService } from '../services/round-service.js';

type T = (key: string, params?: Record<string, string | number>) => string;

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

/** Replies `lead` (e.g. "no open round"), followed by the branch's rating state at `now`, month named. */
export async function replyWithState(
  ctx: BotContext,
  rounds: Pick<RoundService, 'state'>,
  now: Date,
  branch: BranchDoc | null,
  lead?: string,
) {
  const lines = lead ? [lead] : [];
  if (branch) {
    const s = settingsOf(branch);
    const st = await rounds.state(branch._id, now, s);
    lines.push(roundStateText(st, (k, p) => ctx.t(k, p), await replyLocale(ctx), s.timeZone));
  }
  await ctx.reply(lines.join('\n'));
}
