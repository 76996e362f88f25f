import { addMonths, quarterBefore, type WorkCalendar } from '../domain/calendar.js';
import { CHINA_HOLIDAYS } from '../domain/calendar-data.js';
import type { HolidayData } from '../domain/calendar.js';
import { localDate } from '../domain/dates.js';
import { deedDigestDate, quarterStartDate, roundReminderDate } from '../domain/rating-schedule.js';
import type { Models } from '../db/models/index.js';
import type { BranchDoc } from '../db/models/branch.js';
import type { MemberRecord } from '../db/models/member.js';
import type { RatingRoundRecord } from '../db/models/rating-round.js';
import { listLabel, quarterLabel } from '../domain/locale-format.js';
import { settingsOf } from './branch-settings.js';
import { localesOf, monthLabel, type OutgoingMessage, type Translate } from './notice.js';
import { pledgeReminders, quarterReport } from './reminder-pledges.js';

/**
 * Reminders due on the branch-local day of `asOf` (the daily job): the day-25 deed digest, the
 * round's last-day reminders, pledge items due and overdue, and the quarterly commentary reminder
 * and fulfilment report. Days follow the working-day calendar. A paused branch gets nothing; a
 * member who paused gets no private reminder. Every message carries its natural key.
 */
export function createReminders({
  models,
  t,
  holidays = CHINA_HOLIDAYS,
}: {
  models: Models;
  t: Translate;
  holidays?: HolidayData;
}) {
  return {
    async due(branch: BranchDoc, asOf: Date): Promise<OutgoingMessage[]> {
      const s = settingsOf(branch);
      if (s.remindersPaused || !branch.active) return [];
      const cal: WorkCalendar = { data: holidays, overrides: s.holidayOverrides };
      const today = localDate(asOf, s.timeZone);
      const month = today.slice(0, 7);
      const members = await models.Member.find({ branchId: branch._id, status: 'active' }).lean<
        MemberRecord[]
      >();
      const prefs = await localesOf(
        models.UserPref,
        [...members.map((m) => m.userId), branch.secretaryId],
        s.language,
      );
      const canDm = (userId: number) => prefs.get(userId)?.started && !prefs.get(userId)?.paused;
      const lang = (userId: number) => prefs.get(userId)?.locale ?? s.language;
      const out: OutgoingMessage[] = [];
      const b = String(branch._id);

      if (today === deedDigestDate(month, s, cal)) {
        const deeds = await models.Deed.find(
          {
            branchId: branch._id,
            status: 'verified',
            date: { $gte: `${month}-01`, $lt: `${addMonths(month, 1)}-01` },
          },
          { memberId: 1 },
        ).lean();
        const withDeed = new Set(deeds.map((d) => String(d.memberId)));
        const missing = members.filter((m) => !withDeed.has(String(m._id)));
        if (missing.length > 0) {
          const names = listLabel(
            missing.map((m) => m.realName),
            s.language,
          );
          out.push({
            key: `deed-digest:${b}:${month}`,
            chatId: branch.chatId,
            text: t(s.language, 'reminder-deed-digest', { day: Number(today.slice(8)), names }),
          });
          for (const m of missing.filter((x) => canDm(x.userId)))
            out.push({
              key: `deed-dm:${b}:${month}:${m._id}`,
              chatId: m.userId,
              text: t(lang(m.userId), 'reminder-deed-dm'),
            });
        }
        if (canDm(branch.secretaryId)) {
          const [pendingDeeds, pendingItems] = await Promise.all([
            models.Deed.countDocuments({ branchId: branch._id, status: 'pending' }),
            models.PledgeItem.countDocuments({
              branchId: branch._id,
              status: { $in: ['pending', 'claimed'] },
            }),
          ]);
          if (pendingDeeds + pendingItems > 0)
            out.push({
              key: `review:${b}:${month}`,
              chatId: branch.secretaryId,
              text: t(lang(branch.secretaryId), 'reminder-secretary-review', {
                deeds: pendingDeeds,
                items: pendingItems,
              }),
            });
        }
      }

      const open = await models.RatingRound.find({ branchId: branch._id, status: 'open' }).lean<
        RatingRoundRecord[]
      >();
      for (const round of open.filter((r) => roundReminderDate(r.month, s, cal) === today)) {
        const [selfs, orgs] = await Promise.all([
          models.SelfEvaluation.find({ roundId: round._id }, { memberId: 1 }).lean(),
          models.OrgEvaluation.find({ roundId: round._id }, { memberId: 1 }).lean(),
        ]);
        const selfDone = new Set(selfs.map((x) => String(x.memberId)));
        const orgDone = new Set(orgs.map((x) => String(x.memberId)));
        for (const m of members.filter((x) => !selfDone.has(String(x._id)) && canDm(x.userId)))
          out.push({
            key: `round-self:${b}:${round.month}:${m._id}`,
            chatId: m.userId,
            text: t(lang(m.userId), 'reminder-round-self', {
              month: monthLabel(round.month, lang(m.userId)),
            }),
          });
        const noOrg = members.filter((x) => !orgDone.has(String(x._id)));
        if (noOrg.length > 0 && canDm(branch.secretaryId)) {
          const l = lang(branch.secretaryId);
          out.push({
            key: `round-org:${b}:${round.month}`,
            chatId: branch.secretaryId,
            text: t(l, 'reminder-round-org', {
              month: monthLabel(round.month, l),
              names: listLabel(
                noOrg.map((m) => m.realName),
                l,
              ),
            }),
          });
        }
      }

      out.push(
        ...(await pledgeReminders(
          { models, t },
          { branch, members, today, cal, daysBefore: s.pledgeReminderDaysBefore, canDm, lang },
        )),
      );

      if (quarterStartDate(month, cal) === today && canDm(branch.secretaryId)) {
        const l = lang(branch.secretaryId);
        // Commentary and report are about the quarter that just ended.
        const prev = quarterBefore(month);
        out.push({
          key: `quarter-comment:${b}:${prev}`,
          chatId: branch.secretaryId,
          text: t(l, 'reminder-quarter-comment', { quarter: quarterLabel(prev, l) }),
        });
        out.push(
          await quarterReport(
            { models, t },
            {
              branch,
              members,
              firstMonth: addMonths(month, -3),
              label: prev,
              locale: l,
            },
          ),
        );
      }
      return out;
    },
  };
}
export type Reminders = ReturnType<typeof createReminders>;
