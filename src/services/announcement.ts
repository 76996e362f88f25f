import type { Models } from '../db/models/index.js';
import type { BranchDoc } from '../db/models/branch.js';
import type { MemberRecord } from '../db/models/member.js';
import type { RatingResultRecord } from '../db/models/rating-result.js';
import type { RatingRoundRecord } from '../db/models/rating-round.js';
import { roundCloseDate } from '../domain/rating-schedule.js';
import { dateLabel, dateTimeLabel, listLabel } from '../domain/locale-format.js';
import { settingsOf } from './branch-settings.js';
import { ballotLink } from '../domain/deep-links.js';
import {
  localesOf,
  monthLabel,
  starsText,
  type Locale,
  type OutgoingMessage,
  type Translate,
} from './notice.js';

type Row = { member: MemberRecord; result: RatingResultRecord };

const deadlineLabel = (at: Date | undefined, timeZone: string, locale: Locale) =>
  at ? dateTimeLabel(at, timeZone, locale) : '-';

const fmtDelta = (d: number) => (d > 0 ? ` ↑${d}` : d < 0 ? ` ↓${-d}` : '');

/**
 * The messages of a round's publication (公示, provisional) and final announcement: the group
 * post(s) and one private message per member who has started the bot. Every message has its
 * natural key, so producing them twice queues them once.
 */
export function createAnnouncements({ models, t }: { models: Models; t: Translate }) {
  async function rows(branch: BranchDoc, month: string): Promise<Row[]> {
    const results = await models.RatingResult.find({ branchId: branch._id, month }).lean<
      RatingResultRecord[]
    >();
    const members = await models.Member.find({ _id: { $in: results.map((r) => r.memberId) } }).lean<
      MemberRecord[]
    >();
    const byId = new Map(members.map((m) => [String(m._id), m]));
    return results
      .filter((r) => byId.has(String(r.memberId)))
      .map((result) => ({ member: byId.get(String(result.memberId))!, result }))
      .sort(
        (a, b) =>
          b.result.computation.total - a.result.computation.total ||
          a.member.realName.localeCompare(b.member.realName),
      );
  }

  /** A member's result in private: provisional (with /object and its deadline) or final, distinct templates. */
  function dm(
    locale: Locale,
    month: string,
    r: RatingResultRecord,
    maxStars: number,
    deadlineIn?: (locale: Locale) => string,
  ): string {
    const c = r.computation;
    const deadline = deadlineIn?.(locale);
    const lines = [
      t(locale, deadline === undefined ? 'rating-dm-final' : 'rating-dm-provisional', {
        month: monthLabel(month, locale),
        total: c.total,
        verdict: t(locale, c.passed ? 'rating-verdict-pass' : 'rating-verdict-fail'),
        self: c.self,
        masses: c.masses ?? t(locale, 'rating-no-masses'),
        org: c.organisation,
        wSelf: c.weights.self,
        wMasses: c.weights.masses,
        wOrg: c.weights.organisation,
        stars: starsText(r.after.stars, maxStars),
        delta: fmtDelta(r.change.starsDelta),
        ...(deadline !== undefined && { deadline }),
      }),
    ];
    if (c.notes.includes('masses-too-few-ballots'))
      lines.push(
        t(locale, 'rating-dm-masses-moved', { min: r.inputs.rules.massesMinBallots, ballots: c.ballots }),
      );
    if (c.notes.includes('self-missing')) lines.push(t(locale, 'rating-dm-self-missing'));
    lines.push(t(locale, 'rating-dm-why'));
    return lines.join('\n');
  }

  /**
   * December's final results close the year: the secretary is told, in private and in their
   * language, that the annual appraisal (年度民主评议) can be decided now with /appraisal.
   */
  async function appraisalDue(branch: BranchDoc, month: string): Promise<OutgoingMessage[]> {
    const reader = (await localesOf(models.UserPref, [branch.secretaryId], settingsOf(branch).language)).get(
      branch.secretaryId,
    )!;
    if (!reader.started) return [];
    const year = month.slice(0, 4);
    return [
      {
        key: `appraisal-due:${branch._id}:${year}`,
        chatId: branch.secretaryId,
        text: t(reader.locale, 'appraisal-due', { branch: branch.name, year }),
      },
    ];
  }

  /** Each member's private result; `objectionDeadline` given for the provisional one. */
  async function dms(
    branch: BranchDoc,
    month: string,
    list: Row[],
    kind: 'provisional' | 'final',
    objectionDeadline?: Date,
  ) {
    const s = settingsOf(branch);
    const lang = s.language;
    const prefs = await localesOf(
      models.UserPref,
      list.map((r) => r.member.userId),
      lang,
    );
    return list
      .filter((r) => prefs.get(r.member.userId)?.started)
      .map<OutgoingMessage>((r) => ({
        key: `${kind}-dm:${branch._id}:${month}:${r.member._id}`,
        chatId: r.member.userId,
        text: dm(
          prefs.get(r.member.userId)!.locale,
          month,
          r.result,
          s.maxStars,
          kind === 'final' ? undefined : (locale) => deadlineLabel(objectionDeadline, s.timeZone, locale),
        ),
      }));
  }

  return {
    /** The round's opening post: how to rate, when it closes, the button into the ballot dialog. */
    opening(branch: BranchDoc, month: string, botUsername: string): OutgoingMessage {
      const s = settingsOf(branch);
      const lang = s.language;
      return {
        key: `round-open:${branch._id}:${month}`,
        chatId: branch.chatId,
        text: t(lang, 'rating-round-opened', {
          month: monthLabel(month, lang),
          max: s.dimensionMax,
          close: `${dateLabel(roundCloseDate(month, s), lang)} ${String(s.roundCloseHour).padStart(2, '0')}:00`,
        }),
        buttons: [
          [{ text: t(lang, 'rating-round-button-rate'), url: ballotLink.link(botUsername, branch._id) }],
        ],
      };
    },
    /** 公示: the ranked provisional results with the objection deadline, and each member's breakdown. */
    async provisional(branch: BranchDoc, round: RatingRoundRecord): Promise<OutgoingMessage[]> {
      const s = settingsOf(branch);
      const lang = s.language;
      const list = await rows(branch, round.month);
      const lines = list.map((r, i) =>
        t(lang, 'rating-row', {
          rank: i + 1,
          name: r.member.realName,
          post: r.member.post,
          total: r.result.computation.total,
          verdict: t(lang, r.result.computation.passed ? 'rating-verdict-pass' : 'rating-verdict-fail'),
        }),
      );
      const text = t(lang, 'rating-provisional', {
        month: monthLabel(round.month, lang),
        rows: lines.join('\n'),
        deadline: deadlineLabel(round.objectionDeadline, s.timeZone, lang),
      });
      const group: OutgoingMessage = {
        key: `provisional:${branch._id}:${round.month}`,
        chatId: branch.chatId,
        text,
      };
      return [group, ...(await dms(branch, round.month, list, 'provisional', round.objectionDeadline))];
    },

    /** The final announcement: ranked table with stars and changes, chart, honour roll, plates; DMs. */
    async final(branch: BranchDoc, month: string): Promise<OutgoingMessage[]> {
      const s = settingsOf(branch);
      const lang = s.language;
      const list = await rows(branch, month);
      const lines = list.map((r, i) =>
        t(lang, 'rating-final-row', {
          rank: i + 1,
          name: r.member.realName,
          post: r.member.post,
          total: r.result.computation.total,
          stars: starsText(r.result.after.stars, s.maxStars),
          delta: fmtDelta(r.result.change.starsDelta),
        }),
      );
      const names = (pick: (r: Row) => boolean) =>
        listLabel(
          list.filter(pick).map((r) => r.member.realName),
          lang,
        );
      const extra = [
        ['rating-honour-roll', names((r) => r.result.change.titleEarned)],
        ['rating-plates-taken', names((r) => r.result.change.plateTaken)],
        ['rating-plates-restored', names((r) => r.result.change.plateRestored)],
        ['rating-titles-revoked', names((r) => r.result.change.titleRevoked)],
      ].filter(([, n]) => n !== '');
      const text = [
        t(lang, 'rating-final', { month: monthLabel(month, lang), rows: lines.join('\n') }),
        ...extra.map(([key, n]) => t(lang, key!, { names: n! })),
      ].join('\n\n');
      const base = `final:${branch._id}:${month}`;
      return [
        { key: `${base}:table`, chatId: branch.chatId, text },
        {
          key: `${base}:chart`,
          chatId: branch.chatId,
          chart: { branchId: String(branch._id), month, locale: lang },
          caption: t(lang, 'rating-chart-title', { month: monthLabel(month, lang) }),
        },
        ...(await dms(branch, month, list, 'final')),
        ...(month.endsWith('-12') ? await appraisalDue(branch, month) : []),
      ];
    },

    /** The chart PNG's data: each member's name and total, best first. */
    async chartRows(branchId: string, month: string) {
      const branch = await models.Branch.findById(branchId).lean<BranchDoc>();
      if (!branch) return { rows: [], passScore: 80, locale: 'zh' as Locale };
      const s = settingsOf(branch);
      const list = await rows(branch, month);
      return {
        rows: list.map((r) => ({
          name: r.member.realName,
          total: r.result.computation.total,
          passed: r.result.computation.passed,
        })),
        passScore: s.passScore,
        locale: s.language,
      };
    },
  };
}
export type Announcements = ReturnType<typeof createAnnouncements>;
