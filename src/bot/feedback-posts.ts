import type { Api } from 'grammy';
import type { Logger } from 'pino';
import type { FeedbackActions } from '../../scenes/feedback.js';
import type { AppServices } from '../services/index.js';
import { settingsOf } from '../services/branch-settings.js';
import type { AdminCache } from './admins.js';
import type { Translator } from '../i18n.js';
import { tFor, type Notifier } from './notify.js';
import { activeBranch, branchOfRecord, chatOf } from './record-branch.js';
import { escapeHtml } from './views/html.js';
import { renderFeedback } from './views/feedback.js';
import { createActors } from './actor.js';

interface Deps {
  services: AppServices;
  i18n: Translator;
  admins: AdminCache;
  api: () => Api;
  notify: Notifier;
  log: Logger;
}

/** What the feedback dialogs need done: leave an entry (意见簿), handle it, tell those concerned. */
export function createFeedbackActions({ services, i18n, admins, api, notify, log }: Deps): FeedbackActions {
  const actors = createActors(services, admins);
  return {
    async load(args, writerId) {
      const branch = await activeBranch(services, args.branchId);
      const members = await services.members.active(branch._id);
      const about = args.memberId
        ? await services.feedback.checkAbout(branch, await actors.of(api(), branch, writerId), args.memberId)
        : undefined;
      return {
        branchName: branch.name,
        idleMinutes: settingsOf(branch).dialogIdleMinutes,
        members: members.map((m, i) => ({
          id: m._id.toString(),
          label: `${i + 1}. ${m.realName} · ${m.post}`,
        })),
        ...(about && { aboutName: about.realName }),
      };
    },

    async choose(branchId, memberId, writerId) {
      const branch = await activeBranch(services, branchId);
      await services.feedback.checkAbout(branch, await actors.of(api(), branch, writerId), memberId);
    },

    async leave(branchId, input, writerId) {
      const branch = await activeBranch(services, branchId);
      // The writer is asked by the policy; the service keeps their id only for a named entry.
      const entry = await services.feedback.leave(branch, await actors.of(api(), branch, writerId), input);
      const member = entry.memberId
        ? await services.members.byId(branch._id, entry.memberId.toString())
        : null;
      if (member && entry.kind === 'praise')
        await notify.toMember(
          branch,
          member,
          `feedback-praise:${entry._id.toString()}`,
          (t) => t('feedback-praise-dm', { text: escapeHtml(entry.text) }),
          {
            groupFallback: false,
          },
        );
      await notify.toUser(
        branch,
        branch.secretaryId,
        `feedback-new:${entry._id.toString()}`,
        (t) => t('feedback-new-secretary', { branch: escapeHtml(branch.name) }),
        { html: false },
      );
    },

    async handle(chatId, actorId, feedbackId, outcome, upheld, messageId) {
      const before = await services.feedback.byId(undefined, feedbackId);
      const branch = await branchOfRecord(chatOf(chatId), services, before?.branchId);
      const actor = await actors.of(api(), branch, actorId);
      const after = await services.feedback.handle(branch, actor, feedbackId, outcome, upheld);
      const member = after.memberId
        ? await services.members.byId(branch._id, after.memberId.toString())
        : null;
      if (messageId !== undefined) {
        const t = await tFor(i18n, services, actorId, branch);
        await api()
          .editMessageText(chatId, messageId, renderFeedback(t, after, member?.realName), {
            parse_mode: 'HTML',
          })
          .catch((err: unknown) =>
            log.warn({ err, chatId, messageId }, 'handled feedback message not edited'),
          );
      }
      if (member && after.kind === 'complaint')
        await notify.toMember(
          branch,
          member,
          notify.eventKey('feedback-handled', after._id.toString()),
          (t) => [t('feedback-complaint-handled-dm'), renderFeedback(t, after, member.realName)].join('\n'),
          { groupFallback: false },
        );
    },
  };
}
