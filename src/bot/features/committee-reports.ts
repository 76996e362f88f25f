import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Composer, InputFile } from 'grammy';
import { localDate } from '../../domain/dates.js';
import { quarterLabel } from '../../domain/locale-format.js';
import { quarterBefore } from '../../domain/calendar.js';
import { rollupText } from '../../services/committee-posts.js';
import type { Committee, CommitteeActor } from '../../services/committee-service.js';
import { ServiceError } from '../../services/errors.js';
import { writeRollupWorkbook } from '../../services/export/committee-sheet.js';
import type { AppServices } from '../../services/index.js';
import type { AdminCache } from '../admins.js';
import type { BotContext } from '../../context.js';
import { replyLocale } from '../../i18n.js';
import { committeeHere, committeesOfUser } from '../committee-role.js';
import type { createNotifier } from '../notify.js';
import { escapeHtml } from '../views/html.js';

const QUARTER = /^\d{4}Q[1-4]$/;

/**
 * What a committee receives and writes each quarter: `/rollup [quarter]` (its group, or private for
 * each committee the user sits on) answers with the branches' fulfilment summed per branch and the
 * XLSX; `/comment [quarter] <branch> <text>` in its group keeps a commentary line in the ledger and
 * sends it to that branch's group. Without a quarter: the last whole one.
 */
export function committeeReportsFeature(deps: {
  services: AppServices;
  admins: AdminCache;
  notify: Pick<ReturnType<typeof createNotifier>, 'toGroup'>;
  clock: () => Date;
}) {
  const { services, admins, notify, clock } = deps;
  const c = new Composer<BotContext>();
  const todayOf = (committee: Committee) =>
    localDate(clock(), services.committees.settingsOf(committee).timeZone);

  async function sendRollup(ctx: BotContext, committee: Committee, actor: CommitteeActor, arg: string) {
    const today = todayOf(committee);
    const quarter = arg || quarterBefore(today);
    const rollup = await services.committeeReports.rollup(committee, actor, quarter, today);
    const locale = await replyLocale(ctx);
    const label = quarterLabel(quarter, locale);
    await ctx.reply(rollupText(ctx.t.bind(ctx), committee.name, label, rollup));
    const dir = await mkdtemp(join(tmpdir(), 'mp-rollup-'));
    try {
      const file = join(dir, 'rollup.xlsx');
      const t = ctx.t.bind(ctx);
      await writeRollupWorkbook(rollup, {
        creator: committee.name,
        now: clock(),
        timeZone: services.committees.settingsOf(committee).timeZone,
        t,
        file,
      });
      await ctx.replyWithDocument(
        new InputFile(file, `${committee.name}-${quarter}-${t('committee-rollup-file')}.xlsx`),
        { caption: t('committee-rollup-caption', { committee: committee.name, quarter: label }) },
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  c.command('rollup', async (ctx) => {
    if (ctx.chat.type === 'channel') return;
    const arg = ctx.match.trim();
    if (arg && !QUARTER.test(arg)) return void (await ctx.reply(ctx.t('committee-rollup-usage')));
    const here =
      ctx.chat.type === 'private'
        ? null
        : await committeeHere(ctx.api, services, admins, ctx.chat.id, ctx.from!.id);
    if (ctx.chat.type !== 'private' && !here) throw new ServiceError('error-committee-group-only');
    const list = here ? [here] : await committeesOfUser(ctx.api, services, admins, ctx.from!.id);
    for (const { committee, actor } of list) await sendRollup(ctx, committee, actor, arg);
  });

  c.chatType(['group', 'supergroup']).command('comment', async (ctx, next) => {
    const here = await committeeHere(ctx.api, services, admins, ctx.chat.id, ctx.from.id);
    if (!here) return next();
    const words = ctx.match.trim().split(/\s+/);
    const quarter = QUARTER.test(words[0] ?? '') ? words.shift()! : quarterBefore(todayOf(here.committee));
    const [branchName, ...rest] = words;
    if (!branchName || rest.length === 0) return void (await ctx.reply(ctx.t('committee-comment-usage')));
    const { branch, comment } = await services.committeeReports.comment(here.committee, here.actor, {
      branchName,
      text: ctx.match.trim().slice(ctx.match.trim().indexOf(branchName) + branchName.length),
      quarter,
    });
    await notify.toGroup(branch, `committee-comment:${String(comment._id)}`, (t, locale) =>
      t('committee-comment-post', {
        committee: escapeHtml(here.committee.name),
        quarter: quarterLabel(quarter, locale),
        text: escapeHtml(comment.text),
      }),
    );
    await ctx.reply(ctx.t('committee-comment-done', { branch: branch.name }));
  });
  return c;
}
