import { standardButtons } from './callback-data/buttons.js';
import { InlineKeyboard, type Api } from 'grammy';
import type { Logger } from 'pino';
import { DateTime } from 'luxon';
import type { StandardActions } from '../../scenes/standard.js';
import type { AppServices } from '../services/index.js';
import type { Branch } from '../services/branch-service.js';
import type { Standard } from '../services/standard-service.js';
import { ServiceError } from '../services/errors.js';
import { branchT, type T } from './branch-t.js';
import { requireMember } from './guards.js';
import type { Translator } from '../i18n.js';
import { escapeHtml } from './views/html.js';
import type { Actors } from './actor.js';
import type { Notifier } from './notify.js';
import { inlineKeyboard } from '../services/notice.js';
import { standardCommentLink } from '../domain/deep-links.js';

interface Deps {
  actors: Actors;
  services: AppServices;
  i18n: Translator;
  api: () => Api;
  botUsername: () => string;
  notify: Notifier;
  log: Logger;
}

/** Callback data of the review buttons: kind, standard id, revision (a stale revision is refused). */
export const standardButton = (kind: 'sa' | 'sr', s: Pick<Standard, '_id' | 'revision'>) =>
  standardButtons.pack({ kind, id: s._id.toString(), revision: s.revision });

/** The 定标公示卡 text: whose standard, which revision, the text. */
export function renderStandard(t: T, name: string, s: Standard, heading: string): string {
  return [
    `📋 <b>${t(heading, { name: escapeHtml(name), revision: s.revision })}</b>`,
    escapeHtml(s.text),
  ].join('\n');
}

const localTime = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toFormat('yyyy-MM-dd HH:mm');

/** Group posts and direct messages of the standard workflow, used by the dialogs and the buttons. */
export function createStandardPosts({ services, i18n, api, botUsername, actors, notify, log }: Deps) {
  /** The group post of a standard under comment: text, closing time, comments so far, buttons. */
  function post(branch: Branch, name: string, s: Standard, comments: number) {
    const t = branchT(i18n, branch);
    const zone = services.branches.settingsOf(branch).timeZone;
    const link = standardCommentLink.link(botUsername(), s._id);
    const buttons = [
      [{ text: t('standard-button-comment'), url: link }],
      [
        { text: t('button-approve'), callbackData: standardButton('sa', s) },
        { text: t('button-return'), callbackData: standardButton('sr', s) },
      ],
    ];
    const lines = [
      renderStandard(t, name, s, 'standard-proposed-heading'),
      '',
      t('standard-comment-open', { until: localTime(s.closesAt!, zone) }),
      ...(comments > 0 ? [t('standard-comment-count', { count: comments })] : []),
    ];
    return { text: lines.join('\n'), buttons };
  }

  /** The post for comment; the worker keeps its message id on the standard, for `recount`. */
  async function announce(branch: Branch, name: string, s: Standard) {
    const { text, buttons } = post(branch, name, s, 0);
    const id = s._id.toString();
    await notify.toGroup(branch, notify.eventKey('standard-post', id), () => text, {
      buttons: () => buttons,
      keep: { kind: 'standard-post', id },
    });
  }

  /** Shows the number of comments on the group post (the keyboard is sent again, or it would go). */
  async function recount(branch: Branch, s: Standard) {
    if (!s.postMessageId) return;
    const member = await services.members.ofUser(branch._id, s.userId);
    const count = s.comments.filter((c) => c.revision === s.revision).length + 1;
    const { text, buttons } = post(branch, member?.realName ?? '', s, count);
    await api()
      .editMessageText(branch.chatId, s.postMessageId, text, {
        parse_mode: 'HTML',
        reply_markup: inlineKeyboard(buttons),
      })
      .catch((err: unknown) =>
        log.warn({ err, standardId: s._id.toString() }, 'standard post not recounted'),
      );
  }

  /** Takes the review buttons off the group post once the standard is decided. */
  async function closePost(branch: Branch, s: Standard) {
    if (!s.postMessageId) return;
    await api()
      .editMessageReplyMarkup(branch.chatId, s.postMessageId, { reply_markup: new InlineKeyboard() })
      .catch((err: unknown) => log.warn({ err, standardId: s._id.toString() }, 'standard post buttons kept'));
  }

  const actions: StandardActions = {
    async propose(branchId, userId, text) {
      const branch = await services.branches.byId(branchId);
      if (!branch?.active) throw new ServiceError('error-action-unavailable');
      const member = await requireMember(services, branch, userId);
      const s = await services.standards.propose(branch, member, text);
      await announce(branch, member.realName, s);
    },
    async comment(standardId, author, text) {
      const found = await services.standards.findAnywhere(standardId);
      if (!found) throw new ServiceError('error-action-unavailable');
      const { standard, comment } = await services.standards.comment(found.branch, standardId, author, text);
      await recount(found.branch, standard);
      const line = (t: T) =>
        t('standard-comment-dm', { author: escapeHtml(author.name), text: escapeHtml(comment.text) });
      const at = comment.at.getTime();
      const key = (to: number) => `standard-comment:${standard._id.toString()}:${author.id}:${at}:${to}`;
      await notify.toUser(found.branch, standard.userId, key(standard.userId), line);
      const secretary = found.branch.secretaryId;
      if (secretary !== standard.userId && secretary !== author.id)
        await notify.toUser(found.branch, secretary, key(secretary), line);
    },
    async approveEarly(chatId, by, standardId, revision, reason) {
      const branch = await services.branches.requireActive(chatId);
      const actor = await actors.of(api(), branch, by.id);
      const s = await services.standards.approveEarly(branch, actor, standardId, revision, reason);
      await approved(branch, s, by.name);
    },
    async returnWithReason(chatId, actorId, standardId, revision, reason) {
      const branch = await services.branches.requireActive(chatId);
      const actor = await actors.of(api(), branch, actorId);
      const s = await services.standards.returnWithReason(branch, actor, standardId, revision, reason);
      const member = await services.members.ofUser(branch._id, s.userId);
      const name = escapeHtml(member?.realName ?? '');
      await closePost(branch, s);
      // A revision is returned or approved once: standard and revision key the messages.
      const key = `${s._id.toString()}:${s.revision}`;
      await notify.toGroup(branch, `standard-returned:${key}`, (t) =>
        t('standard-returned-group', { name, reason: escapeHtml(reason) }),
      );
      await notify.toUser(branch, s.userId, `standard-returned-dm:${key}`, (ut) =>
        ut('standard-returned-dm', { reason: escapeHtml(reason) }),
      );
    },
  };

  /** After approval: the buttons go, the 定标公示卡 is posted, the member is told. */
  async function approved(branch: Branch, s: Standard, by: string) {
    const member = await services.members.ofUser(branch._id, s.userId);
    const name = member?.realName ?? '';
    await closePost(branch, s);
    const key = `${s._id.toString()}:${s.revision}`;
    await notify.toGroup(branch, `standard-approved:${key}`, (t) =>
      [
        renderStandard(t, name, s, 'standard-card-heading'),
        '',
        t('standard-approved-by', { by: escapeHtml(by) }),
        ...(s.earlyReason ? [t('standard-approved-early', { reason: escapeHtml(s.earlyReason) })] : []),
      ].join('\n'),
    );
    await notify.toUser(branch, s.userId, `standard-approved-dm:${key}`, (ut) => ut('standard-approved-dm'));
  }
  return { actions, approved };
}
export type StandardPosts = ReturnType<typeof createStandardPosts>;
