import type { BranchDoc } from '../../src/db/models/branch.js';
import { quarterLabel } from '../../src/domain/locale-format.js';
import { addMonths, quarterBefore } from '../../src/domain/calendar.js';
import { localDate } from '../../src/domain/dates.js';
import type { Committee } from '../../src/services/committee-service.js';
import { comparisonPosts, redFlagPosts, rollupText } from '../../src/services/committee-posts.js';
import type { ScheduleJobData } from '../queues.js';
import type { JobDeps } from './context.js';

/**
 * A branch announced a month's final results: each committee above it checks whether that was the
 * last of its tree (one job per branch and month, so every close is looked at; the last one finds
 * the month ready).
 */
export async function queueCommitteeCompare(deps: JobDeps, branch: BranchDoc, month: string) {
  for (const committee of await deps.tree.ancestors(branch._id)) {
    const id = String(committee._id);
    await deps.schedule.add(
      'committee-compare',
      { committeeId: id, month },
      {
        jobId: `committee-compare.${id}.${month}.${String(branch._id)}`,
        removeOnComplete: 100,
        removeOnFail: 500,
      },
    );
  }
}

/**
 * Once every branch of the tree that ran the month has closed it: computes the comparison, the
 * stars of the month and (at the end of its period) the red flag once, stored by committee and
 * period, and queues the posts: table, chart and stars in the committee's group, the red flag in
 * the committee's group and in every branch group of the tree. A second run queues nothing new
 * (stored awards stand, messages have natural keys).
 */
export async function processCommitteeCompare(
  deps: JobDeps,
  data: ScheduleJobData,
  opts: { setDay?: boolean } = {},
) {
  if (!data.committeeId || !data.month) throw new Error('committee-compare needs committeeId and month');
  const committee = await deps.services.committees.byId(data.committeeId);
  if (!committee?.active) return 'no-committee';
  const readiness = await deps.comparison.readiness(committee, data.month);
  const { ready, waiting, closed } = readiness;
  // On the set day the month is compared with the branches that closed it; the others sit it out.
  if (!ready && (!opts.setDay || closed.length === 0)) return `waiting for ${waiting.length} branches`;
  const branches = ready
    ? readiness.branches
    : readiness.branches.filter((b) => closed.includes(String(b._id)));
  const { comparison, redFlag } = await deps.comparison.compute(committee, data.month, { branches });
  if (!comparison.announcedAt) {
    for (const msg of comparisonPosts(deps.t, committee, comparison)) await deps.outbox.send(msg);
    await deps.comparison.markAnnounced(comparison);
  }
  if (redFlag && !redFlag.announcedAt) {
    for (const msg of redFlagPosts(deps.t, committee, redFlag, branches)) await deps.outbox.send(msg);
    await deps.comparison.markAnnounced(redFlag);
  }
  return `compared ${data.month}${redFlag ? `, red flag ${redFlag.period}` : ''}`;
}

/**
 * Hourly: on a committee's set day (its zone), the month before is compared even if some branches
 * have not closed it (with those that have); a month already compared and announced is left alone.
 */
export async function processCommitteeDay(deps: JobDeps, asOf: Date) {
  const committees = await deps.services.committees.active();
  const done: string[] = [];
  for (const c of committees) {
    const s = deps.services.committees.settingsOf(c);
    const today = localDate(asOf, s.timeZone);
    if (Number(today.slice(8, 10)) !== s.comparisonDay) continue;
    const month = addMonths(today.slice(0, 7), -1);
    if (['01', '04', '07', '10'].includes(today.slice(5, 7))) done.push(await postRollup(deps, c, today));
    done.push(
      `${c.name}: ${await processCommitteeCompare(deps, { committeeId: String(c._id), month }, { setDay: true })}`,
    );
  }
  return done.join('; ') || 'not the set day';
}

/** At a quarter's set day: the quarter before rolled up, as text in the committee's group (once). */
async function postRollup(deps: JobDeps, c: Committee, today: string) {
  const quarter = quarterBefore(today);
  const locale = c.settings?.language ?? 'zh';
  const t = (key: string, params?: Record<string, string | number>) => deps.t(locale, key, params);
  const rollup = await deps.committeeReports.rollupOf(c, quarter, today);
  const text = [
    rollupText(t, c.name, quarterLabel(quarter, locale), rollup),
    t('committee-rollup-xlsx-hint', { quarter }),
  ];
  const queued = await deps.outbox.send({
    key: `rollup:${String(c._id)}:${quarter}`,
    chatId: c.chatId,
    text: text.join('\n'),
  });
  return `${c.name}: roll-up ${quarter}${queued ? '' : ' (sent before)'}`;
}
