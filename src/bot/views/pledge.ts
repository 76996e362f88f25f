import type { PledgeItemStatus } from '../../domain/pledge-item.js';
import type { DeedRecord } from '../../db/models/deed.js';
import type { MemberRecord } from '../../db/models/member.js';
import type { PledgeItemRecord } from '../../db/models/pledge-item.js';
import type { LedgerLine } from '../../services/pledge-service.js';
import { dateLabel } from '../../domain/locale-format.js';
import { escapeHtml } from './html.js';

type T = (key: string, params?: Record<string, string | number>) => string;

/** A stored date the way the language of `t` writes it (its locale files name their language). */
const dateIn = (t: T, iso: string) => dateLabel(iso, t('locale-code') === 'en' ? 'en' : 'zh');

const STATUS_ICON: Record<PledgeItemStatus, string> = {
  draft: '📝',
  pending: '⏳',
  approved: '🟢',
  returned: '↩️',
  claimed: '📨',
  done: '✅',
  overdue: '⚠️',
};

/** One pledge item: lead (五带头), text, due date, and its status with the return reason. */
export function renderItem(t: T, item: PledgeItemRecord, status: PledgeItemStatus, index?: number): string {
  const lead = t('pledge-lead-tag', { lead: t(`lead-${item.lead}`) });
  const head = `${index === undefined ? '' : `${index}. `}${STATUS_ICON[status]} ${lead}${escapeHtml(item.text)}`;
  const line = t('pledge-item-meta', { due: dateIn(t, item.dueDate), status: t(`pledge-status-${status}`) });
  const reason =
    item.reason && (status === 'returned' || status === 'approved' || status === 'overdue')
      ? `\n   ${t('pledge-item-reason', { reason: escapeHtml(item.reason) })}`
      : '';
  const evidence = item.evidence
    ? `\n   ${t('pledge-item-evidence', { evidence: escapeHtml(item.evidence) })}`
    : '';
  return `${head}\n   ${line}${reason}${evidence}`;
}

/** A deed in one line: date, what, for whom, how many. */
export function renderDeedLine(t: T, d: DeedRecord): string {
  return t('deed-line', {
    date: dateIn(t, d.date),
    what: escapeHtml(d.what),
    forWhom: escapeHtml(d.forWhom),
    people: d.peopleHelped,
  });
}

/** The pledge ledger (承诺台账) and the record card (对标记录卡) of one member, as seen by them (`own`) or another. */
export function renderLedger(
  t: T,
  member: MemberRecord,
  year: number,
  lines: LedgerLine[],
  verified: DeedRecord[],
  own = true,
): string {
  const name = escapeHtml(member.realName);
  const parts = [`📒 <b>${t('ledger-title', { name, year: String(year) })}</b>`];
  // Someone else's empty ledger is described, not answered with what its owner should send.
  if (lines.length === 0) parts.push(own ? t('ledger-empty') : t('ledger-empty-other', { name }));
  lines.forEach((l, i) => {
    const deeds = l.deeds.length > 0 ? `\n   ${t('ledger-linked-deeds', { count: l.deeds.length })}` : '';
    parts.push(renderItem(t, l.item, l.status, i + 1) + deeds);
  });
  parts.push('', `🗂 <b>${t('record-card-title', { count: verified.length })}</b>`);
  if (verified.length === 0)
    parts.push(own ? t('record-card-empty') : t('record-card-empty-other', { name }));
  for (const d of verified.slice(0, 10)) parts.push(`• ${renderDeedLine(t, d)}`);
  return parts.join('\n');
}

/** The approved pledge as announced in the group (公开示诺). */
export function renderPublished(
  t: T,
  member: MemberRecord,
  year: number,
  items: PledgeItemRecord[],
  oral: boolean,
): string {
  const accepted = items.filter((i) => ['approved', 'claimed', 'done'].includes(i.status));
  return [
    `📜 <b>${t('pledge-published-title', { name: escapeHtml(member.realName), year: String(year) })}</b>`,
    ...(oral ? [t('pledge-published-oral')] : []),
    ...accepted.map((i, n) =>
      t('pledge-published-item', {
        n: n + 1,
        lead: t(`lead-${i.lead}`),
        text: escapeHtml(i.text),
        due: dateIn(t, i.dueDate),
      }),
    ),
    '',
    t('pledge-published-footer'),
  ].join('\n');
}
