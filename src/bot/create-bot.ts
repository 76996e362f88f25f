import { autoRetry } from '@grammyjs/auto-retry';
import { conversations, createConversation } from '@grammyjs/conversations';
import { Bot, type Api } from 'grammy';
import type { Logger } from 'pino';
import { bindDialog } from '../../scenes/bind.js';
import { bindCommitteeDialog } from '../../scenes/bind-committee.js';
import { joinDialog, type SubmitCard } from '../../scenes/join.js';
import {
  standardApproveEarlyDialog,
  standardCommentDialog,
  standardDialog,
  standardReturnDialog,
} from '../../scenes/standard.js';
import { ServiceError } from '../services/errors.js';
import type { Outbox } from '../../jobs/outbox.js';
import type { ExportJobs } from '../../jobs/export-queue.js';
import type { Config } from '../config.js';
import type { Models } from '../db/models/index.js';
import type { AppServices } from '../services/index.js';
import { createAdminCache } from './admins.js';
import { createActors } from './actor.js';
import { branchLocale } from './branch-t.js';
import { createChatBranch } from './chat-branch.js';
import type { BotContext, DialogContext } from '../context.js';
import { dialogStorage } from './dialog-storage.js';
import { dialogKey } from '../../scenes/support/idle.js';
import { errorBoundary } from './error-boundary.js';
import { apiMetrics } from '../ops/metrics.js';
import { createWireFetch } from '../../jobs/wire.js';
import { dialogApi } from './dialog-api.js';
import type { ReplayGuard } from './replay-guard.js';
import { floodGate, type FloodOptions } from './flood-gate.js';
import { groupAnswers } from './group-answers.js';
import type { Redis } from 'ioredis';
import { seenUsers } from './seen-users.js';
import { fallbackFeature } from './features/fallback.js';
import { branchFeature } from './features/branch.js';
import { committeeFeature } from './features/committee.js';
import { redFlagFeature } from './features/red-flag.js';
import { committeeReportsFeature } from './features/committee-reports.js';
import { groupFeature } from './features/group.js';
import { helpFeature } from './features/help.js';
import { settingsFeature } from './features/settings.js';
import { exportFeature } from './features/export.js';
import { standardFeature } from './features/standard.js';
import { createStandardPosts } from './standard-posts.js';
import { announceRegistration, memberFeature } from './features/member.js';
import { pledgeFeatures } from './pledge-wiring.js';
import { ratingFeatures } from './rating-wiring.js';
import { createRosterBoard } from './roster-board.js';
import { plateFeature } from './features/plate.js';
import { appraisalFeature } from './features/appraisal.js';
import { topTenFeature } from './features/top-ten.js';
import { appraisalReasonDialog } from '../../scenes/appraisal.js';
import { startFeature } from './features/start.js';
import { deepLinkRouter } from './deep-link-router.js';
import { createI18n, type Locale } from '../i18n.js';
import { createNotifier } from './notify.js';

export interface BotDeps {
  config: Pick<Config, 'botToken' | 'apiRoot'>;
  models: Models;
  services: AppServices;
  log: Logger;
  /** The worker's sender queue: announcements the bot makes (round posts) go out through it. */
  outbox: Pick<Outbox, 'send'>;
  /** The export queue: /export adds a job, the worker builds and sends the file. */
  exportJobs: ExportJobs;
  /** Handling an update again (after a crash, or sent again by Telegram) says nothing twice. */
  replay: ReplayGuard;
  /** Commands per person and window (FLOOD_COMMANDS, FLOOD_WINDOW_S), counted in this Redis. */
  flood: FloodOptions & { redis: Redis; prefix: string };
}

/** Builds the bot: plugins, dialogs keyed by chat and user, one Composer per feature. */
export function createBot({ config, models, services, log, outbox, exportJobs, replay, flood }: BotDeps) {
  // The sender's fetch (jobs/wire.ts): the replay guard marks each request the moment it leaves.
  // Dialogs' Apis are made with the same client options, so the same fetch. Not for long polls:
  // it drops idle sockets after 4 s (the poller has an Api of its own, src/ingest/start.ts).
  const wireFetch = createWireFetch();
  const bot = new Bot<BotContext>(config.botToken, { client: { apiRoot: config.apiRoot, fetch: wireFetch } });
  const retry = autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 120 });
  // Answers to a flooded group join a batch instead of waiting out the 429 (group-answers.ts).
  const answers = groupAnswers({ redis: flood.redis, prefix: flood.prefix, outbox, log });
  /** The transformers of every Api that sends while an update is handled (the bot's, each dialog's). */
  const installApi = (api: Api) => {
    // Metrics first: installed innermost, they see each try auto-retry makes (and each 429).
    api.config.use(apiMetrics);
    // Inside the retries (it sees a 429 before they wait it out), inside the replay guard too.
    api.config.use(answers.transformer);
    // Outside the batching (a try it turned into a batch entry is not refused), under auto-retry:
    // each try's wire marker, cleared when Telegram refuses that try.
    api.config.use(replay.perTry);
    api.config.use(retry);
    // Installed last, so it wraps the retries: one numbered call however often it is retried.
    api.config.use(replay.transformer);
  };
  installApi(bot.api);
  const admins = createAdminCache();

  // Group messages speak the branch's language; private chats and button alerts (seen only by the
  // presser) speak the user's own.
  const chatBranch = createChatBranch(services);
  const i18n = createI18n(async (ctx: DialogContext): Promise<Locale> => {
    const branch = await chatBranch(ctx);
    if (ctx.chat && ctx.chat.type !== 'private' && !ctx.callbackQuery)
      return branch ? branchLocale(branch) : 'zh';
    if (!ctx.from) return 'zh';
    // A button alert in a group: the presser's own language, else the group's.
    const fallback = branch ? branchLocale(branch) : undefined;
    return services.users.localeOf(ctx.from.id, {
      telegram: ctx.from.language_code,
      ...(fallback ? { branch: fallback } : {}),
    });
  });

  // Every message to someone other than the person acting goes through the sender queue.
  const notify = createNotifier({ outbox, i18n, services, log });
  const boundary = errorBoundary(log, i18n);
  bot.catch(boundary);
  // Outermost: an update handled to the end is not handled again.
  bot.use(replay.middleware);
  // Numbers the update's notices, so a replay queues the same keys (see notify.eventKey).
  bot.use(notify.middleware);
  const app = bot.errorBoundary(boundary);
  // Names and Telegram languages as last seen, in every chat (the reader language rule needs them).
  app.use(seenUsers(services.users, log));
  // Who acts: `ctx.actorIn(branch)` (role in the branch, chat admin now), once per update.
  const actors = createActors(services, admins);
  app.use(actors.middleware);
  app.use(i18n);
  // One person flooding commands is cut off here, before any dialog or feature does work.
  app.use(floodGate(flood.redis, { ...flood, log }));
  // Marks the handling of a read-only group command, whose answer may join a flooded group's batch.
  app.use(answers.middleware);
  app.use(
    conversations<BotContext, DialogContext>({
      storage: {
        type: 'key',
        adapter: dialogStorage(models),
        getStorageKey: (ctx) => (ctx.chat && ctx.from ? dialogKey(ctx.chat.id, ctx.from.id) : undefined),
      },
      // Dialogs get an Api of their own, without bot.api's transformers: the same ones go there
      // too, inside the plugin's recording of the dialog's calls (dialog-api.ts says why).
      plugins: [
        i18n,
        async (ctx, next) => {
          (ctx as { api: Api }).api = dialogApi(ctx.api, installApi);
          await next();
        },
      ],
    }),
  );
  app.command('cancel', async (ctx) => {
    const active = Object.keys(ctx.conversation.active()).length > 0;
    await ctx.conversation.exitAll();
    // In private a keyboard a dialog left behind goes too (in a group it was a forced reply).
    await ctx.reply(ctx.t(active ? 'dialog-cancelled' : 'dialog-nothing-to-cancel'), {
      ...(ctx.chat?.type === 'private' && { reply_markup: { remove_keyboard: true } }),
    });
  });
  const roster = createRosterBoard({
    services,
    i18n,
    admins,
    log,
    botUsername: () => bot.botInfo.username,
    notify,
  });
  const submitCard: SubmitCard = async (branchId, userId, card) => {
    const branch = await services.branches.byId(branchId);
    if (!branch?.active) throw new ServiceError('error-branch-inactive');
    const outcome = await services.members.submitCard(branch._id, userId, card);
    if (outcome.needsReview) await announceRegistration(notify, branch, outcome.member);
    else await roster(bot.api, branch);
    return { needsReview: outcome.needsReview, edited: outcome.edited };
  };
  app.use(createConversation(bindDialog(services.branches), { id: 'bind' }));
  app.use(createConversation(bindCommitteeDialog(services.committees), { id: 'bind-committee' }));
  app.use(createConversation(joinDialog(submitCard), { id: 'join' }));
  const botUsername = () => bot.botInfo.username;
  const standardPosts = createStandardPosts({
    services,
    i18n,
    api: () => bot.api,
    botUsername,
    actors,
    notify,
    log,
  });
  app.use(createConversation(standardDialog(standardPosts.actions), { id: 'standard' }));
  app.use(createConversation(standardCommentDialog(standardPosts.actions), { id: 'standard-comment' }));
  app.use(createConversation(standardReturnDialog(standardPosts.actions), { id: 'standard-return' }));
  app.use(
    createConversation(standardApproveEarlyDialog(standardPosts.actions), { id: 'standard-approve-early' }),
  );
  const ratings = ratingFeatures({
    services,
    models,
    i18n,
    admins,
    api: () => bot.api,
    botUsername,
    outbox,
    notify,
    chatBranch,
  });
  ratings.dialogs(app);
  const pledges = pledgeFeatures({ services, i18n, admins, api: () => bot.api, botUsername, log, notify });
  pledges.dialogs(app);
  const appraisal = appraisalFeature({ services, actors, i18n, outbox, botUsername, api: () => bot.api });
  app.use(createConversation(appraisalReasonDialog(appraisal.changeAction), { id: 'appraisal-reason' }));

  const member = memberFeature({ services, admins, i18n, roster, botUsername, notify });
  const standard = standardFeature({ services, admins, posts: standardPosts, botUsername });
  const topTen = topTenFeature({ services, botUsername });
  const plate = plateFeature({ services, i18n, admins, botUsername });
  // One router for /start from every feature's deep-link routes (a kind routed twice stops start-up).
  const links = deepLinkRouter([
    ...member.links,
    ...standard.links,
    ...pledges.links,
    ...appraisal.links,
    ...topTen.links,
    ...plate.links,
    ...ratings.links,
  ]);

  app.use(groupFeature(services, admins, roster, notify, log));
  app.use(startFeature(services, links));
  app.use(helpFeature(services, chatBranch));
  app.use(committeeFeature({ services, models, admins, clock: () => new Date() }));
  app.use(redFlagFeature({ services, admins }));
  app.use(committeeReportsFeature({ services, admins, notify, clock: () => new Date() }));
  app.use(branchFeature(services, admins, chatBranch));
  app.use(member.composer);
  app.use(standard.composer);
  app.use(settingsFeature(services, i18n));
  app.use(exportFeature({ services, admins, i18n, jobs: exportJobs, botUsername }));
  pledges.features(app);
  app.use(appraisal.composer);
  app.use(topTen.composer);
  app.use(plate.composer);
  ratings.features(app);

  // Keep last: answers buttons no feature above recognised (stale or forged).
  app.use(fallbackFeature());

  return { bot, i18n, closeApi: () => wireFetch.close() };
}
