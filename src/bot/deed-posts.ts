import type { Api } from 'grammy';
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
import { tellMember } from './notify.js';
import { activeBranch, activeMember, branchOfRecord, chatOf, requireReviewerOf } from './record-branch.js';
import { escapeHtml } from './views/html.js';
import { renderDeedLine } from './views/pledge.js';

interface Deps {
  services: AppServices;
  i18n: Translator;
  admins: AdminCache;
  api: () => Api;
}

type T = (key: string, params?: Record<string, string | number>) => string;

/** A deed as the reviewer sees it: who, the line, the linked pledge item, the status. */
export function renderDeed(t: T, d: DeedRecord, name: string, itemText?: string): string {
  return [
    `📝 <b>${escapeHtml(name)}</b> · ${t(`deed-status-${d.status}`)}`,
    renderDeedLine(t, d),
    ...(itemText ? [t('deed-for-item', { text: escapeHtml(itemText) })] : []),
    ...(d.photoFileId ? [t('deed-has-photo')] : []),
    ...(d.status === 'rejected' && d.reason
      ? [t('deed-reject-reason', { reason: escapeHtml(d.reason) })]
      : []),
  ].join('\n');
}

/** Messages of the deed workflow (一件事一记录), and what the deed dialog needs done. */
export function createDeedPosts({ services, i18n, admins, api }: Deps) {
  /** The member is told the outcome of the review (in private, or in the group if the bot cannot DM them). */
  async function tellOutcome(branch: Branch, deed: DeedRecord) {
    const member = await services.members.byId(branch._id, deed.memberId.toString());
    if (!member) return;
    await tellMember(api(), { i18n, services }, branch, member, (t) =>
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
      return deed._id.toString();
    },
  };

  return {
    actions,
    tellOutcome,
    async rejectWithReason(chatId: number, actorId: number, args: ReasonArgs, reason: string) {
      const deed = await services.deeds.byId(undefined, args.id);
      const branch = await branchOfRecord(chatOf(chatId), services, deed?.branchId);
      await requireReviewerOf(api(), admins, branch, actorId);
      if (deed!.userId === actorId) throw new ServiceError('error-review-own');
      const after = await services.deeds.review(branch, actorId, args.id, 'reject', reason);
      const t = branchT(i18n, branch);
      if (args.messageId !== undefined)
        await api()
          .editMessageText(chatId, args.messageId, renderDeed(t, after, args.name), { parse_mode: 'HTML' })
          .catch(() => undefined);
      await api()
        .sendMessage(chatId, t('review-recorded'))
        .catch(() => undefined);
      await tellOutcome(branch, after);
    },
  };
}
export type DeedPosts = ReturnType<typeof createDeedPosts>;
