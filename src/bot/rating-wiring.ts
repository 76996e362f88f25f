import { createConversation } from '@grammyjs/conversations';
import type { Api, Composer } from 'grammy';
import { commentDialog } from '../../scenes/comment.js';
import { objectionDialog, objectionResolveDialog } from '../../scenes/objection.js';
import { ballotDialog } from '../../scenes/rating-ballot.js';
import { orgDialog } from '../../scenes/rating-org.js';
import { selfDialog } from '../../scenes/rating-self.js';
import type { Outbox } from '../../jobs/outbox.js';
import type { Models } from '../db/models/index.js';
import type { AppServices } from '../services/index.js';
import type { AdminCache } from './admins.js';
import type { BotContext } from '../context.js';
import { pauseFeature } from './features/pause.js';
import { progressFeature } from './features/progress.js';
import { ratingFeature } from './features/rating.js';
import { roundCloseFeature } from './features/round-close.js';
import { roundFinalizeFeature } from './features/round-finalize.js';
import { createAnnouncements } from '../services/announcement.js';
import { whyFeature } from './features/why.js';
import type { ChatBranch } from './chat-branch.js';
import type { Translator } from '../i18n.js';
import type { Notifier } from './notify.js';
import { createRatingActions } from './rating-actions.js';
import { createActors } from './actor.js';

interface Deps {
  services: AppServices;
  models: Models;
  i18n: Translator;
  admins: AdminCache;
  api: () => Api;
  botUsername: () => string;
  clock?: () => Date;
  /** The worker's sender queue, for the round posts. */
  outbox: Pick<Outbox, 'send'>;
  notify: Notifier;
  /** The group's branch, looked up once per update. */
  chatBranch: ChatBranch;
}

/**
 * Monthly rating in the bot: the three rating dialogs and objections (`dialogs`, installed before
 * /start so the ballot deep link can enter its dialog), then /rate, /orgrate, /object, /why,
 * /pause, /resume, /openround, /closeround, /finalize, /progress, /comment (`features`), and the
 * ballot's deep-link route (`links`).
 */
export function ratingFeatures(deps: Deps) {
  const actions = createRatingActions({ ...deps, actors: createActors(deps.services, deps.admins) });
  const { services, models, admins } = deps;
  const t = (locale: string, key: string, params?: Record<string, string | number>) =>
    deps.i18n.t(locale, key, params);
  const clock = deps.clock ?? (() => new Date());
  const announcements = createAnnouncements({ models, t });
  const rating = ratingFeature({
    services,
    announcements,
    admins,
    actions,
    botUsername: deps.botUsername,
    clock,
    outbox: deps.outbox,
  });
  return {
    links: rating.links,
    dialogs(app: Composer<BotContext>) {
      app.use(createConversation(selfDialog(actions.self), { id: 'rating-self' }));
      app.use(createConversation(ballotDialog(actions.ballot), { id: 'rating-ballot' }));
      app.use(createConversation(orgDialog(actions.org), { id: 'rating-org' }));
      app.use(createConversation(objectionDialog(actions.objection), { id: 'objection' }));
      app.use(createConversation(objectionResolveDialog(actions.objection), { id: 'objection-resolve' }));
      app.use(createConversation(commentDialog(actions.comment), { id: 'comment' }));
    },
    features(app: Composer<BotContext>) {
      app.use(rating.composer);
      app.use(roundCloseFeature({ services, announcements, clock, outbox: deps.outbox }));
      app.use(roundFinalizeFeature({ services, announcements, clock, outbox: deps.outbox }));
      app.use(progressFeature(services));
      app.use(whyFeature(services, deps.chatBranch));
      app.use(pauseFeature(services));
    },
  };
}
