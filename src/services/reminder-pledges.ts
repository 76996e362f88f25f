import { addDays, type IsoDate } from '../domain/dates.js';
import { addMonths, type WorkCalendar } from '../domain/calendar.js';
import { overdueNoticeDate, pledgeReminderDates } from '../domain/rating-schedule.js';
import type { Models } from '../db/models/index.js';
import type { BranchDoc } from '../db/models/branch.js';
import type { MemberRecord } from '../db/models/member.js';
import type { PledgeItemRecord } from '../db/models/pledge-item.js';
import { dateLabel, quarterLabel } from '../domain/locale-format.js';
import type { Locale, OutgoingMessage, Translate } from './notice.js';

/** Pledge items due in N days (settings, default 7 and 1) and overdue, for member and secretary. */
export async function pledgeReminders(
  deps: { models: Models; t: Translate },
  ctx: {
    branch: BranchDoc;
    members: MemberRecord[];
    today: IsoDate;
    cal: WorkCalendar;
    daysBefore: readonly number[];
    canDm: (userId: number) => boolean | undefined;
    lang: (userId: number) => Locale;
  },
): Promise<OutgoingMessage[]> {
  const { branch, today, cal, t } = { ...ctx, t: deps.t };
  const horizon = addDays(today, Math.max(0, ...ctx.daysBefore) + 31);
  const items = await deps.models.PledgeItem.find({
    branchId: branch._id,
    status: { $in: ['approved', 'claimed'] },
    dueDate: { $gte: addDays(today, -31), $lte: horizon },
  }).lean<PledgeItemRecord[]>();
  const byMember = new Map(ctx.members.map((m) => [String(m._id), m]));
  const out: OutgoingMessage[] = [];
  for (const item of items) {
    const member = byMember.get(String(item.memberId));
    if (!member) continue;
    const l = ctx.lang(member.userId);
    for (const r of pledgeReminderDates(item.dueDate, ctx.daysBefore, cal))
      if (r.date === today && ctx.canDm(member.userId))
        out.push({
          key: `pledge-due:${item._id}:${r.daysBefore}`,
          chatId: member.userId,
          text: t(l, 'reminder-pledge-due', {
            text: item.text,
            due: dateLabel(item.dueDate, l),
            days: r.daysBefore,
          }),
        });
    if (overdueNoticeDate(item.dueDate, cal) !== today) continue;
    if (ctx.canDm(member.userId))
      out.push({
        key: `pledge-overdue:${item._id}`,
        chatId: member.userId,
        text: t(l, 'reminder-pledge-overdue', { text: item.text, due: dateLabel(item.dueDate, l) }),
      });
    if (ctx.canDm(branch.secretaryId))
      out.push({
        key: `pledge-overdue-sec:${item._id}`,
        chatId: branch.secretaryId,
        text: t(ctx.lang(branch.secretaryId), 'reminder-pledge-overdue-secretary', {
          name: member.realName,
          text: item.text,
          due: dateLabel(item.dueDate, ctx.lang(branch.secretaryId)),
        }),
      });
  }
  return out;
}

/** The natural key of a branch's quarterly report message ('quarter-report:<branch>:2026Q3'). */
export const quarterReportKey = (branchId: string, quarter: string) =>
  `quarter-report:${branchId}:${quarter}`;

/** The quarter of a quarterly report's key, or undefined for any other message. */
export function quarterOfReportKey(key: string): string | undefined {
  return /^quarter-report:[0-9a-f]{24}:(\d{4}Q[1-4])$/.exec(key)?.[1];
}

/** 践诺信息季度上报: per member, items done and items overdue in the quarter starting `firstMonth`. */
export async function quarterReport(
  deps: { models: Models; t: Translate },
  ctx: { branch: BranchDoc; members: MemberRecord[]; firstMonth: string; label: string; locale: Locale },
): Promise<OutgoingMessage> {
  const from = `${ctx.firstMonth}-01`;
  const to = `${addMonths(ctx.firstMonth, 3)}-01`;
  const items = await deps.models.PledgeItem.find({
    branchId: ctx.branch._id,
    $or: [{ doneOn: { $gte: from, $lt: to } }, { dueDate: { $gte: from, $lt: to } }],
  }).lean<PledgeItemRecord[]>();
  const rows = ctx.members.map((m) => {
    const mine = items.filter((i) => String(i.memberId) === String(m._id));
    const done = mine.filter(
      (i) => i.status === 'done' && i.doneOn && i.doneOn >= from && i.doneOn < to,
    ).length;
    const overdue = mine.filter(
      (i) => (i.status === 'approved' || i.status === 'claimed') && i.dueDate >= from && i.dueDate < to,
    ).length;
    return deps.t(ctx.locale, 'reminder-quarter-row', { name: m.realName, done, overdue });
  });
  return {
    key: quarterReportKey(String(ctx.branch._id), ctx.label),
    chatId: ctx.branch.secretaryId,
    text: deps.t(ctx.locale, 'reminder-quarter-report', {
      quarter: quarterLabel(ctx.label, ctx.locale),
      rows: rows.join('\n'),
    }),
  };
}
