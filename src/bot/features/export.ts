import { Composer, GrammyError } from 'grammy';
import type { BranchDoc } from '../../db/models/branch.js';
import { ServiceError } from '../../services/errors.js';
import type { AppServices } from '../../services/index.js';
import type { ExportJobs } from '../../../jobs/export-queue.js';
import type { AdminCache } from '../admins.js';
import { branchLocale } from '../branch-t.js';
import type { BotContext } from '../../context.js';
import { groupBranch } from '../guards.js';
import type { Translator } from '../../i18n.js';
import { replyLocale } from '../../i18n.js';
import { isInDoubt } from '../in-doubt.js';
import { answerActor } from '../reply-path.js';

interface Deps {
  services: AppServices;
  admins: AdminCache;
  i18n: Translator;
  jobs: Pick<ExportJobs, 'running' | 'start'>;
  botUsername: () => string;
}

/**
 * The words that choose what to export: the cards (PDF), the quarterly report alone (XLSX), the
 * year's appraisal table (PDF) or the deeds compilation (PDF).
 */
const KINDS: Record<string, 'cards' | 'quarter' | 'appraisal' | 'compilation'> = {
  pdf: 'cards',
  report: 'quarter',
  季报: 'quarter',
  appraisal: 'appraisal',
  评议: 'appraisal',
  deeds: 'compilation',
  事迹: 'compilation',
  汇编: 'compilation',
};

/** `/export` arguments in any order: `pdf`, `report` or `评议`, `@user` (one member, PDF), the period. */
export function parseExportArgs(text: string): {
  kind: 'ledgers' | 'cards' | 'quarter' | 'appraisal' | 'compilation';
  period: string;
  username?: string;
} {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const username = words.find((w) => w.startsWith('@'))?.slice(1);
  // One member's export is their cards: `@user` alone means `pdf @user`.
  const kind =
    KINDS[words.map((w) => w.toLowerCase()).find((w) => w in KINDS) ?? ''] ??
    (username ? 'cards' : 'ledgers');
  const period = words.filter((w) => !w.startsWith('@') && !(w.toLowerCase() in KINDS)).join(' ');
  return { kind, period, ...(username && { username }) };
}

/** In a group, the group's branch; in private, the first active branch the user runs or reviews. */
async function exportBranch(ctx: BotContext, services: AppServices): Promise<BranchDoc> {
  if (ctx.chat?.type !== 'private') return groupBranch(ctx, services);
  const mine = await services.branches.runBy(ctx.from!.id);
  if (!mine) throw new ServiceError('error-export-not-allowed');
  return mine;
}

/**
 * `/export [pdf] [@user] [2026 | 2026Q3 | 2026-07]`: the secretary or a committee member (支委) asks
 * for the branch's ledgers (XLSX) or the cards (PDF, everyone or one member); the file always
 * arrives in their private chat, with a progress message there.
 */
export function exportFeature(deps: Deps) {
  const { services, i18n } = deps;
  const c = new Composer<BotContext>();
  c.command('export', async (ctx) => {
    const branch = await exportBranch(ctx, services);
    const userId = ctx.from!.id;
    const actor = await ctx.actorIn(branch);
    const inGroup = ctx.chat.type !== 'private';
    const locale = inGroup
      ? await services.users.localeOf(userId, {
          telegram: ctx.from!.language_code,
          branch: branchLocale(branch),
        })
      : await replyLocale(ctx);
    const args = parseExportArgs(ctx.match);
    let memberUserId: number | undefined;
    if (args.username !== undefined) {
      const user = await services.users.findByUsername(args.username);
      if (!user) throw new ServiceError('error-user-unknown');
      memberUserId = user._id;
    }
    const req = await services.exports.request(
      actor,
      branch,
      { kind: args.kind, period: args.period, ...(memberUserId !== undefined && { memberUserId }) },
      locale,
    );
    if (await deps.jobs.running(req.branchId)) throw new ServiceError('error-export-running');
    const text = i18n.t(locale, 'export-progress', { percent: 0 });
    let progress;
    if (!inGroup) progress = await ctx.reply(text);
    else {
      progress = await answerActor(ctx.api, userId, text).catch((err: unknown) => {
        if (err instanceof GrammyError && (err.error_code === 403 || err.error_code === 400))
          throw new ServiceError('error-export-start-bot', { bot: deps.botUsername() });
        throw err;
      });
      await ctx.reply(ctx.t('export-sent-privately'));
    }
    // Sent in doubt (handled again after a crash): its id is unknown, so the export edits nothing.
    const shown = !isInDoubt(progress);
    const outcome = await deps.jobs.start({
      ...req,
      ...(shown && { progressMessageId: progress.message_id }),
    });
    if (outcome === 'running' && shown)
      await ctx.api.editMessageText(userId, progress.message_id, i18n.t(locale, 'error-export-running'));
  });
  return c;
}
