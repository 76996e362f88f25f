import { deedButtons } from './callback-data/buttons.js';
import { InlineKeyboard, type Api } from 'grammy';
import type { Logger } from 'pino';
import type { DeedActions } from '../../scenes/deed.js';
import type { ReasonArgs } from '../../scenes/pledge-review.js';
import type { DeedRecord } from '../db/models/deed.js';
import type { AppServices } from '../services/index.js';
import type { Branch } from '../services/branch-service.js';
import { settingsOf } from '../services/branch-settings.js';
import { ServiceError } from '../services/errors.js';
import type { AdminCache } from './admins.js';
import { branchT } from './branch-t.js';
import type { Translator } from '../i18n.js';
import { tFor, type Notifier } from './notify.js';
import { activeBranch, activeMember, branchOfRecord, chatOf } from './record-branch.js';
import { escapeHtml } from './views/html.js';
import { renderDeedLine } from './views/pledge.js';
import { createActors } from './actor.js';
import { isNotModified } from './api-errors.js';
import { deedEditLink } from '../domain/deep-links.js';
import { answerActor } from './reply-path.js';

interface Deps {
  services: AppServices;
  i18n: Translator;
  admins: AdminCache;
  api: () => Api;
  botUsername: () => string;
  log: Logger;
  notify: Notifier;
}

type T = (key: string, params?: Record<string, string | number>) => string;

/**
 * A deed as the reviewer sees it: who, the line, the linked pledge item, the status, and who
 * reviewed it (`by`) once verified or rejected.
 */
export function renderDeed(t: T, d: DeedRecord, name: string, by?: string): string {
  const reviewed = by && (d.status === 'verified' || d.status === 'rejected');
  return [
    `📝 <b>${escapeHtml(name)}</b> · ${t(`deed-status-${d.status}`)}`,
    ...(reviewed ? [t('deed-reviewed-by', { by: escapeHtml(by) })] : []),
    renderDeedLine(t, d),
    ...(d.photoFileId ? [t('deed-has-photo')] : []),
    ...(d.status === 'rejected' && d.reason
      ? [t('deed-reject-reason', { reason: escapeHtml(d.reason) })]
      : []),
  ].join('\n');
}

/**
 * The post that shows a deed where it was reported: the record, and while it awaits review the
 * author's edit and withdraw buttons (in the group, edit opens the private chat). `fresh` is the
 * first post of a quick deed, which explains the defaults it filled in.
 */
export function deedPost(
  t: T,
  d: DeedRecord,
  name: string,
  opts: { inGroup: boolean; botUsername: string; by?: string; fresh?: boolean },
): { text: string; reply_markup?: InlineKeyboard } {
  const body = renderDeed(t, d, name, opts.by);
  if (d.status !== 'pending') return { text: body };
  const id = d._id.toString();
  const kb = new InlineKeyboard();
  if (opts.inGroup) kb.url(t('deed-button-edit'), deedEditLink.link(opts.botUsername, id));
  else kb.text(t('deed-button-edit'), deedButtons.pack('de', id));
  kb.text(t('deed-button-withdraw'), deedButtons.pack('dw', id));
  return { text: `${body}\n\n${t(opts.fresh ? 'deed-quick-saved' : 'deed-post-pending')}`, reply_markup: kb };
}

/** Messages of the deed workflow (一件事一记录), and what the deed dialog needs done. */
export function createDeedPosts({ services, i18n, admins, api, botUsername, log, notify }: Deps) {
  const actors = createActors(services, admins);

  /** Who reviewed a deed, by their name on the branch's roster (when `by` was not given by the caller). */
  async function reviewerName(branch: Branch, deed: DeedRecord): Promise<string | undefined> {
    if (deed.reviewedBy === undefined) return undefined;
    const member = await services.members.ofUser(branch._id, deed.reviewedBy);
    return member?.realName;
  }

  /**
   * Edits the deed's post to what the record says now: its status, who reviewed it, and buttons
   * only while they can still do something. Called after every change and on a stale press;
   * `pressed` is the message whose button was pressed, for a deed posted before posts were kept.
   */
  async function syncPost(
    branch: Branch,
    deed: DeedRecord,
    by?: string,
    pressed?: { chatId: number; messageId: number },
  ) {
    const at = deed.post ?? pressed;
    if (!at) return;
    const { chatId, messageId } = at;
    const inGroup = chatId === branch.chatId;
    const t = inGroup ? branchT(i18n, branch) : await tFor(i18n, services, chatId, branch);
    const member = await services.members.byId(branch._id, deed.memberId.toString());
    const reviewer = by ?? (await reviewerName(branch, deed));
    const post = deedPost(t, deed, member?.realName ?? '', {
      inGroup,
      botUsername: botUsername(),
      ...(reviewer && { by: reviewer }),
    });
    try {
      await api().editMessageText(chatId, messageId, post.text, {
        parse_mode: 'HTML',
        ...(post.reply_markup && { reply_markup: post.reply_markup }),
      });
    } catch (err) {
      // Already showing this state (a second press on a stale post): nothing to change.
      if (isNotModified(err)) return;
      log.warn({ err, deedId: deed._id.toString(), chatId }, 'deed post could not be edited');
    }
  }

  /** The member is told the outcome of the review (in private, or in the group if the bot cannot DM them). */
  async function tellOutcome(branch: Branch, deed: DeedRecord) {
    const member = await services.members.byId(branch._id, deed.memberId.toString());
    if (!member) return;
    // A deed is reviewed once: its id and outcome are the message's natural key.
    await notify.toMember(branch, member, `deed-outcome:${deed._id.toString()}:${deed.status}`, (t) =>
      deed.status === 'verified'
        ? t('deed-verified-dm', { what: escapeHtml(deed.what) })
        : t('deed-rejected-dm', { what: escapeHtml(deed.what), reason: escapeHtml(deed.reason ?? '') }),
    );
  }

  const actions: DeedActions = {
    async load(args, userId) {
      const branch = await activeBranch(services, args.branchId);
      const member = await activeMember(services, branch, userId);
      let current;
      if (args.deedId) {
        const deed = await services.deeds.byId(branch, args.deedId);
        if (!deed || deed.status !== 'pending') throw new ServiceError('error-action-unavailable');
        if (deed.userId !== userId) throw new ServiceError('error-not-owner');
        const { what, date, forWhom, peopleHelped, photoFileId } = deed;
        current = { what, date, forWhom, peopleHelped, ...(photoFileId && { photoFileId }) };
      }
      const items = await services.pledges.openItems(branch, member._id);
      return {
        tz: services.pledges.timeZoneOf(branch),
        idleMinutes: settingsOf(branch).dialogIdleMinutes,
        items: items.map((i, n) => ({
          id: i._id.toString(),
          label: `${n + 1}. ${[...i.text].slice(0, 24).join('')}`,
        })),
        ...(current && { current }),
      };
    },
    async save(args, userId, draft) {
      const branch = await activeBranch(services, args.branchId);
      const member = await activeMember(services, branch, userId);
      const deed = args.deedId
        ? await services.deeds.edit(member, args.deedId, draft)
        : await services.deeds.report(branch, member, draft);
      // An edited deed's post shows the new fields.
      if (args.deedId) await syncPost(branch, deed);
      return deed._id.toString();
    },
  };

  return {
    actions,
    tellOutcome,
    syncPost,
    async rejectWithReason(chatId: number, actorId: number, args: ReasonArgs, reason: string) {
      const deed = await services.deeds.byId(undefined, args.id);
      const branch = await branchOfRecord(chatOf(chatId), services, deed?.branchId);
      const actor = await actors.of(api(), branch, actorId);
      const after = await services.deeds.review(branch, actor, args.id, 'reject', reason);
      const t = chatId === branch.chatId ? branchT(i18n, branch) : await tFor(i18n, services, chatId, branch);
      if (args.messageId !== undefined)
        await api()
          .editMessageText(chatId, args.messageId, renderDeed(t, after, args.name, args.by), {
            parse_mode: 'HTML',
          })
          .catch((err: unknown) => log.warn({ err, chatId }, 'reviewed deed message could not be edited'));
      await syncPost(branch, after, args.by);
      await answerActor(api(), chatId, t('review-recorded')).catch((err: unknown) =>
        log.warn({ err, chatId }, 'review confirmation not sent'),
      );
      await tellOutcome(branch, after);
    },
  };
}
export type DeedPosts = ReturnType<typeof createDeedPosts>;
