import type { Api } from 'grammy';
import type { Logger } from 'pino';
import type { PledgeActions, PledgeDialogArgs } from '../../scenes/pledge.js';
import type { ReasonArgs, ReviewActions } from '../../scenes/pledge-review.js';
import type { MemberRecord } from '../db/models/member.js';
import type { PledgeItemRecord } from '../db/models/pledge-item.js';
import type { AppServices } from '../services/index.js';
import type { Branch } from '../services/branch-service.js';
import { settingsOf } from '../services/branch-settings.js';
import { ServiceError } from '../services/errors.js';
import type { AdminCache } from './admins.js';
import { branchT } from './branch-t.js';
import type { DeedPosts } from './deed-posts.js';
import type { Translator } from '../i18n.js';
import { tFor, type Notifier } from './notify.js';
import { activeBranch, branchOfRecord, chatOf } from './record-branch.js';
import { escapeHtml } from './views/html.js';
import { renderItem, renderPublished } from './views/pledge.js';
import { createActors } from './actor.js';
import { authorize, recordOf } from '../services/authorize.js';
import { answerActor } from './reply-path.js';

interface Deps {
  services: AppServices;
  i18n: Translator;
  admins: AdminCache;
  api: () => Api;
  notify: Notifier;
  log: Logger;
}

type ReviewOutcome = Awaited<ReturnType<AppServices['pledges']['review']>>;

/** Group posts and messages of the pledge workflow, and what the pledge dialogs need done. */
export function createPledgePosts(
  { services, i18n, admins, api, notify, log }: Deps,
  deeds: () => DeedPosts,
) {
  const actors = createActors(services, admins);
  async function memberFor(branch: Branch, args: PledgeDialogArgs, actorId: number): Promise<MemberRecord> {
    const member = await services.members.byId(branch._id, args.memberId);
    if (member?.status !== 'active') throw new ServiceError('error-action-unavailable');
    if (args.oral) {
      authorize(await actors.of(api(), branch, actorId), 'recordOralPledge', recordOf(branch, member.userId));
      if (!member.isElderly) throw new ServiceError('error-action-unavailable');
    } else if (member.userId !== actorId) throw new ServiceError('error-not-owner');
    return member;
  }

  /** 公开示诺: the approved pledge is announced in the group. */
  async function publish(branch: Branch, member: MemberRecord, items: PledgeItemRecord[], oral: boolean) {
    const year = items[0]?.year ?? 0;
    await notify.toGroup(branch, notify.eventKey('pledge-published', member._id.toString()), (t) =>
      renderPublished(t, member, year, items, oral),
    );
  }

  /** After a review: publish a complete pledge; tell the member which items came back and why. */
  async function afterReview(branch: Branch, r: ReviewOutcome) {
    if (!r.member || !r.complete) return;
    if (r.publish) await publish(branch, r.member, r.items, false);
    const returned = r.items.filter((i) => i.status === 'returned');
    if (returned.length > 0)
      await notify.toMember(
        branch,
        r.member,
        notify.eventKey('pledge-returned', r.member._id.toString()),
        (t) =>
          [
            t('pledge-returned-dm', { count: returned.length }),
            ...returned.map((i) => renderItem(t, i, 'returned')),
          ].join('\n'),
      );
  }

  async function editButtonMessage(chatId: number, messageId: number | undefined, text: string) {
    if (messageId === undefined) return;
    await api()
      .editMessageText(chatId, messageId, text, { parse_mode: 'HTML' })
      .catch((err: unknown) =>
        log.warn({ err, chatId, messageId }, 'reviewed item message could not be edited'),
      );
  }

  const actions: PledgeActions = {
    async load(args, actorId) {
      const branch = await activeBranch(services, args.branchId);
      const member = await memberFor(branch, args, actorId);
      const cur = await services.pledges.current(branch, member);
      const t = await tFor(i18n, services, actorId, branch);
      const lines = await services.pledges.ledger(branch, member._id);
      const summary = [
        `📒 <b>${t('ledger-title', { name: escapeHtml(member.realName), year: String(cur.year) })}</b>`,
        ...(lines.length ? lines.map((l, i) => renderItem(t, l.item, l.status, i + 1)) : [t('ledger-empty')]),
      ].join('\n');
      return {
        name: member.realName,
        year: cur.year,
        minItems: cur.minItems,
        tz: services.pledges.timeZoneOf(branch),
        idleMinutes: settingsOf(branch).dialogIdleMinutes,
        summary,
        itemCount: cur.items.length,
        returned: cur.items
          .filter((i) => i.status === 'returned')
          .map((i) => ({ id: i._id.toString(), text: i.text, reason: i.reason ?? '' })),
      };
    },
    async submit(args, actorId, add, rewrite) {
      const branch = await activeBranch(services, args.branchId);
      const member = await memberFor(branch, args, actorId);
      if (args.oral) {
        const actor = await actors.of(api(), branch, actorId);
        const r = await services.pledges.recordOral(branch, actor, member, add);
        if (r.publish) await publish(branch, member, r.items, true);
        return;
      }
      const items = await services.pledges.submit(branch, member, { add, rewrite });
      const pending = items.filter((i) => i.status === 'pending').length;
      await notify.toGroup(branch, notify.eventKey('pledge-submitted', member._id.toString()), (t) =>
        t('pledge-submitted-group', { name: escapeHtml(member.realName), count: pending }),
      );
    },
  };

  const review: ReviewActions = {
    async decideWithReason(chatId, actorId, args: ReasonArgs, reason) {
      if (args.kind === 'deed-reject') return deeds().rejectWithReason(chatId, actorId, args, reason);
      const item = await services.pledges.itemById(undefined, args.id);
      const branch = await branchOfRecord(chatOf(chatId), services, item?.branchId);
      const actor = await actors.of(api(), branch, actorId);
      authorize(actor, 'reviewPledge', recordOf(branch, item!.userId));
      const t = branchT(i18n, branch);
      if (args.kind === 'pledge-return') {
        const r = await services.pledges.review(branch, actor, args.id, 'return', reason);
        await editButtonMessage(
          chatId,
          args.messageId,
          `${renderItem(t, r.item, 'returned')}\n${t('review-returned-by', { by: escapeHtml(args.by ?? '') })}`,
        );
        await afterReview(branch, r);
      } else {
        const after = await services.pledges.confirmDone(branch, actor, args.id, 'reject', reason);
        await editButtonMessage(
          chatId,
          args.messageId,
          `${renderItem(t, after, 'approved')}\n${t('review-claim-rejected', { by: escapeHtml(args.by ?? '') })}`,
        );
        const member = await services.members.byId(branch._id, after.memberId.toString());
        if (member)
          await notify.toMember(
            branch,
            member,
            notify.eventKey('pledge-claim-rejected', after._id.toString()),
            (tt) =>
              tt('pledge-claim-rejected-dm', {
                text: escapeHtml(after.text),
                reason: escapeHtml(reason.trim()),
              }),
          );
      }
      // The acting person's own chat: the answer to them, not a notice.
      await answerActor(api(), chatId, t('review-recorded')).catch((err: unknown) =>
        log.warn({ err, chatId }, 'review confirmation not sent'),
      );
    },
    async claimDone(chatId, userId, itemId, evidence) {
      const item = await services.pledges.itemById(undefined, itemId);
      const branch = await branchOfRecord(chatOf(chatId), services, item?.branchId);
      await services.pledges.claimDone(branch, userId, itemId, evidence);
    },
  };

  /** The member hears that the secretary confirmed an item done. */
  async function tellDone(branch: Branch, member: MemberRecord, item: PledgeItemRecord) {
    await notify.toMember(branch, member, `pledge-done-confirmed:${item._id.toString()}`, (t) =>
      t('pledge-done-confirmed-dm', { text: escapeHtml(item.text) }),
    );
  }

  return { actions, review, publish, afterReview, tellDone };
}
export type PledgePosts = ReturnType<typeof createPledgePosts>;
