import { Composer, InlineKeyboard, type Api } from 'grammy';
import type { ChangeAppraisal } from '../../../scenes/appraisal.js';
import type { Outbox } from '../../../jobs/outbox.js';
import { APPRAISAL_CATEGORIES, type AppraisalCategory } from '../../domain/appraisal.js';
import type { AppraisalRecord } from '../../db/models/appraisal.js';
import type { BotContext } from '../../context.js';
import type { Translator } from '../../i18n.js';
import { appraisalYear, type AppraisalRow } from '../../services/appraisal-service.js';
import type { Branch } from '../../services/branch-service.js';
import { ServiceError } from '../../services/errors.js';
import type { AppServices } from '../../services/index.js';
import type { Actors } from '../actor.js';
import { branchT, userT, type T } from '../branch-t.js';
import { groupBranch } from '../guards.js';
import { activeBranch } from '../record-branch.js';
import { authorize, type Actor } from '../../services/authorize.js';
import { escapeHtml } from '../views/html.js';
import { APPRAISAL_CALLBACK, packAppraisal, unpackAppraisal } from './appraisal-data.js';
import { route } from '../deep-link-router.js';
import { answerActor } from '../reply-path.js';
import { appraisalLink } from '../../domain/deep-links.js';

const categoryLabel = (t: T, c: AppraisalCategory | null) =>
  t(c ? `appraisal-cat-${c}` : 'appraisal-cat-none');

/** Why the rule suggested what it did, from the stored figures. */
function why(t: T, r: AppraisalRecord): string {
  const f = r.figures;
  return t(`appraisal-reason-${r.reason}`, {
    fails: f.fails,
    rated: f.rated,
    overdue: f.overdueItems,
    average: f.average ?? '—',
    oneIn: f.excellentOneIn ?? 3,
  });
}

/** The table the secretary decides on, one line per member. */
export function appraisalTable(t: T, branch: Branch, year: number, rows: AppraisalRow[], published: boolean) {
  const lines = [
    t('appraisal-title', {
      branch: escapeHtml(branch.name),
      year: String(year),
      state: t(published ? 'appraisal-state-published' : 'appraisal-state-draft'),
    }),
    ...rows.map(({ record: r, name }, i) =>
      t(r.change ? 'appraisal-row-changed' : 'appraisal-row', {
        n: i + 1,
        name: escapeHtml(name),
        category: categoryLabel(t, r.category),
        suggested: categoryLabel(t, r.suggested),
        why: why(t, r),
        reason: escapeHtml(r.change?.reason ?? ''),
      }),
    ),
    rows.length
      ? t('appraisal-rule', {
          version: rows[0]!.record.ruleVersion,
          oneIn: rows[0]!.record.figures.excellentOneIn ?? 3,
        })
      : t('appraisal-empty'),
  ];
  return lines.join('\n');
}

/** The announcement in the group: the names under each category. */
export function appraisalAnnouncement(t: T, branch: Branch, year: number, rows: AppraisalRow[]) {
  const groups: (AppraisalCategory | null)[] = [...APPRAISAL_CATEGORIES, null];
  return [
    t('appraisal-announcement', { branch: escapeHtml(branch.name), year: String(year) }),
    ...groups.map((c) => {
      const names = rows.filter((r) => r.record.category === c).map((r) => escapeHtml(r.name));
      return t('appraisal-announcement-line', {
        category: categoryLabel(t, c),
        names: names.length ? names.join('、') : t('appraisal-announcement-nobody'),
      });
    }),
  ].join('\n');
}

/** `/appraisal [year]` argument: a year, or nothing for the year the appraisal is about now. */
function yearArg(text: string, branch: Branch, services: AppServices): number {
  const word = text.trim();
  if (!word) return appraisalYear(new Date(), services.branches.settingsOf(branch).timeZone);
  if (!/^\d{4}$/.test(word)) throw new ServiceError('error-appraisal-year');
  return Number(word);
}

/**
 * 年度民主评议 (issue 11): `/appraisal [year]` by the secretary. In the group: the suggested counts
 * and a button to the private chat; in private: the table with the rule's reasons, a button per
 * member to change the category (a reason is asked and audited), and one to publish, which
 * announces the result in the group through the sender queue.
 */
export function appraisalFeature(deps: {
  services: AppServices;
  actors: Actors;
  i18n: Translator;
  outbox: Pick<Outbox, 'send'>;
  botUsername: () => string;
  api: () => Api;
}) {
  const { services, actors, i18n, outbox, botUsername, api } = deps;
  const c = new Composer<BotContext>();

  /** The table and its buttons, in `t`'s language, prepared for the acting secretary. */
  async function tableMessage(t: T, branch: Branch, actor: Actor, year: number) {
    const { rows, published } = await services.appraisals.prepare(branch._id, actor, year);
    const kb = new InlineKeyboard();
    if (!published) {
      for (const { record, name } of rows)
        if (record.suggested !== null)
          kb.text(
            t('appraisal-button-change', { name }),
            packAppraisal({ kind: 'change', appraisalId: String(record._id) }),
          ).row();
      if (rows.length)
        kb.text(
          t('appraisal-button-publish'),
          packAppraisal({ kind: 'publish', branchId: String(branch._id), year }),
        );
    }
    return {
      text: appraisalTable(t, branch, year, rows, published),
      options: {
        parse_mode: 'HTML' as const,
        ...(kb.inline_keyboard.length && { reply_markup: kb }),
      },
    };
  }

  async function show(ctx: BotContext, branch: Branch, year: number) {
    const m = await tableMessage(ctx.t, branch, await ctx.actorIn(branch), year);
    await ctx.reply(m.text, m.options);
  }

  c.chatType(['group', 'supergroup']).command('appraisal', async (ctx) => {
    const branch = await groupBranch(ctx, services);
    const actor = await ctx.actorIn(branch);
    authorize(actor, 'appraise');
    const year = yearArg(ctx.match, branch, services);
    const { rows } = await services.appraisals.prepare(branch._id, actor, year);
    const count = (c: AppraisalCategory | null) => rows.filter((r) => r.record.category === c).length;
    const link = appraisalLink.link(botUsername(), { branchId: branch._id, year });
    await ctx.reply(
      ctx.t('appraisal-summary', {
        branch: escapeHtml(branch.name),
        year: String(year),
        excellent: count('excellent'),
        qualified: count('qualified'),
        basic: count('basic'),
        unqualified: count('unqualified'),
        none: count(null),
      }),
      {
        parse_mode: 'HTML',
        reply_markup: new InlineKeyboard().url(ctx.t('appraisal-button-private'), link),
        reply_parameters: { message_id: ctx.msg.message_id },
      },
    );
  });

  c.chatType('private').command('appraisal', async (ctx) => {
    const branch = await services.branches.runBy(ctx.from.id);
    if (!branch) throw new ServiceError('error-secretary-only');
    await show(ctx, branch, yearArg(ctx.match, branch, services));
  });

  const openTable = async (ctx: BotContext, { branchId, year }: { branchId: string; year: number }) =>
    show(ctx, await activeBranch(services, branchId), year);

  c.chatType('private').callbackQuery(APPRAISAL_CALLBACK, async (ctx) => {
    const cb = unpackAppraisal(ctx.callbackQuery.data);
    if (!cb) throw new ServiceError('error-action-unavailable');
    if (cb.kind === 'publish') {
      const branch = await activeBranch(services, cb.branchId);
      const done = await services.appraisals.publish(branch._id, await ctx.actorIn(branch), cb.year);
      await ctx.answerCallbackQuery();
      if (!done)
        return void (await ctx.reply(ctx.t('appraisal-published-already', { year: String(cb.year) })));
      await outbox.send({
        key: `appraisal:${String(branch._id)}:${cb.year}`,
        chatId: branch.chatId,
        text: appraisalAnnouncement(branchT(i18n, branch), branch, cb.year, done.rows),
        html: true,
      });
      await ctx.editMessageReplyMarkup();
      return void (await ctx.reply(ctx.t('appraisal-published-here')));
    }
    const found = await services.appraisals.find(cb.appraisalId);
    if (!found) throw new ServiceError('error-action-unavailable');
    const branch = await activeBranch(services, String(found.record.branchId));
    authorize(await ctx.actorIn(branch), 'appraise');
    if (found.record.status !== 'draft') throw new ServiceError('error-appraisal-published');
    await ctx.answerCallbackQuery();
    if (cb.kind === 'change') {
      const kb = new InlineKeyboard();
      for (const category of APPRAISAL_CATEGORIES)
        kb.text(
          categoryLabel(ctx.t, category),
          packAppraisal({ kind: 'set', appraisalId: cb.appraisalId, category }),
        ).row();
      return void (await ctx.reply(ctx.t('appraisal-choose', { name: found.name }), { reply_markup: kb }));
    }
    await ctx.conversation.exitAll();
    await ctx.conversation.enter('appraisal-reason', {
      branchId: String(branch._id),
      appraisalId: cb.appraisalId,
      category: cb.category,
      name: found.name,
      categoryLabel: categoryLabel(ctx.t, cb.category),
      idleMinutes: services.branches.settingsOf(branch).dialogIdleMinutes,
    });
  });
  /**
   * The reason dialog's action: re-checks the person's rights in the branch now (the policy), changes
   * the category, and sends the updated table to the secretary's private chat.
   */
  const changeAction: ChangeAppraisal = async (chatId, actorId, args, reason) => {
    const branch = await activeBranch(services, args.branchId);
    // The person's rights now, in the branch's group (the dialog may have waited a while).
    const actor = await actors.of(api(), branch, actorId);
    const { year, name } = await services.appraisals.change(
      branch._id,
      actor,
      args.appraisalId,
      args.category,
      reason,
    );
    const t = await userT(i18n, services.users, actorId, branch);
    await answerActor(
      api(),
      chatId,
      t('appraisal-changed', { name, category: categoryLabel(t, args.category) }),
    );
    const m = await tableMessage(t, branch, actor, year);
    await answerActor(api(), chatId, m.text, m.options);
  };
  return { composer: c, links: [route(appraisalLink, openTable)], changeAction };
}
