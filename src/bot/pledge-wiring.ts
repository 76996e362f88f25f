import { createConversation } from '@grammyjs/conversations';
import type { Api, Composer } from 'grammy';
import type { Logger } from 'pino';
import { deedDialog } from '../../scenes/deed.js';
import { feedbackDialog, feedbackHandleDialog } from '../../scenes/feedback.js';
import { pledgeDialog } from '../../scenes/pledge.js';
import { pledgeDoneDialog, reviewReasonDialog } from '../../scenes/pledge-review.js';
import type { AppServices } from '../services/index.js';
import type { AdminCache } from './admins.js';
import type { BotContext } from '../context.js';
import { createDeedPosts, type DeedPosts } from './deed-posts.js';
import { deedFeature } from './features/deed.js';
import { deedReviewFeature } from './features/deed-review.js';
import { feedbackFeature } from './features/feedback.js';
import { ledgerFeature } from './features/ledger.js';
import { pendingFeature } from './features/pending.js';
import { pledgeFeature } from './features/pledge.js';
import { pledgeReviewFeature } from './features/pledge-review.js';
import { createFeedbackActions } from './feedback-posts.js';
import type { Translator } from '../i18n.js';
import type { Notifier } from './notify.js';
import { createPledgePosts } from './pledge-posts.js';

interface Deps {
  services: AppServices;
  i18n: Translator;
  admins: AdminCache;
  api: () => Api;
  botUsername: () => string;
  log: Logger;
  notify: Notifier;
}

/**
 * Pledges, deeds, the feedback book, /ledger and /pending. Dialogs must be registered before any
 * middleware that enters them (deep links are handled by /start), so this returns two steps:
 * `dialogs` goes with the other conversations, `features` with the other features; `links` are
 * the features' deep-link routes, for the /start router.
 */
export function pledgeFeatures(deps: Deps) {
  const deedPosts: DeedPosts = createDeedPosts(deps);
  const pledgePosts = createPledgePosts(deps, () => deedPosts);
  const feedbackActions = createFeedbackActions(deps);
  const { services, i18n, admins, botUsername } = deps;
  const pledge = pledgeFeature({ services, admins, botUsername });
  const deed = deedFeature({ services, posts: deedPosts, botUsername });
  const feedback = feedbackFeature({ services, admins, botUsername, log: deps.log });
  const pending = pendingFeature(services, admins, botUsername);
  return {
    links: [...pledge.links, ...deed.links, ...feedback.links, ...pending.links],
    dialogs(app: Composer<BotContext>) {
      app.use(createConversation(pledgeDialog(pledgePosts.actions), { id: 'pledge' }));
      app.use(createConversation(reviewReasonDialog(pledgePosts.review), { id: 'pledge-reason' }));
      app.use(createConversation(pledgeDoneDialog(pledgePosts.review), { id: 'pledge-done' }));
      app.use(createConversation(deedDialog(deedPosts.actions), { id: 'deed' }));
      app.use(createConversation(feedbackDialog(feedbackActions), { id: 'feedback' }));
      app.use(createConversation(feedbackHandleDialog(feedbackActions), { id: 'feedback-handle' }));
    },
    features(app: Composer<BotContext>) {
      app.use(pledge.composer);
      app.use(deed.composer);
      app.use(pledgeReviewFeature({ services, i18n, admins, posts: pledgePosts }));
      app.use(deedReviewFeature({ services, i18n, admins, posts: deedPosts }));
      app.use(feedback.composer);
      app.use(ledgerFeature(services));
      app.use(pending.composer);
    },
  };
}
