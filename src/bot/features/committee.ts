import { Composer } from 'grammy';
import { localDate } from '../../domain/dates.js';
import { dateLabel, monthLabel } from '../../domain/locale-format.js';
import type { Models } from '../../db/models/index.js';
import { createCommitteeOverview } from '../../services/committee-overview.js';
import type { Committee, CommitteeActor } from '../../services/committee-service.js';
import { requireCommittee } from '../../services/committee-service.js';
import type { Child } from '../../services/committee-tree.js';
import { ServiceError } from '../../services/errors.js';
import type { AppServices } from '../../services/index.js';
import type { AdminCache } from '../admins.js';
import { committeeActor, committeesOfUser } from '../committee-role.js';
import type { BotContext } from '../../context.js';
import { replyLocale } from '../../i18n.js';
import { renderBranches } from '../views/branches.js';
import { resolveTarget } from './branch.js';
import { authorize } from '../../services/authorize.js';

/**
 * The committee level (党委 / 党总支) in the bot: /bindcommittee, and in a committee's group
 * /invite, /appoint, /unappoint, /branches (also in private); in a branch's or general branch's
 * group its secretary's /joincommittee <code> and /leavecommittee. Registered before the branch
 * features: in a committee's group it answers the commands a branch group would take.
 */
export function committeeFeature(deps: {
  services: AppServices;
  models: Models;
  admins: AdminCache;
  clock: () => Date;
}) {
  const { services, admins } = deps;
  const overview = createCommitteeOverview(deps.models);
  const c = new Composer<BotContext>();
  const group = c.chatType(['group', 'supergroup']);

  /** The committee bound to this group and the sender's role in it, or null for any other group. */
  const here = async (ctx: BotContext): Promise<{ committee: Committee; actor: CommitteeActor } | null> => {
    const committee = await services.committees.findByChat(ctx.chat!.id);
    if (!committee?.active) return null;
    return { committee, actor: await committeeActor(ctx.api, services, admins, committee, ctx.from!.id) };
  };

  group.command('bind', async (ctx, next) => {
    if (await services.committees.findByChat(ctx.chat.id)) throw new ServiceError('error-group-is-committee');
    await next();
  });

  group.command('bindcommittee', async (ctx) => {
    admins.forget(ctx.chat.id);
    if (!(await admins.isAdmin(ctx.api, ctx.chat.id, ctx.from.id)))
      throw new ServiceError('error-not-chat-admin');
    if ((await services.branches.findByChat(ctx.chat.id))?.active)
      throw new ServiceError('error-group-is-branch');
    const existing = await services.committees.findByChat(ctx.chat.id);
    if (existing) throw new ServiceError('error-committee-already-bound', { name: existing.name });
    await ctx.conversation.enter('bind-committee');
  });

  group.command('invite', async (ctx) => {
    const h = await here(ctx);
    if (!h) throw new ServiceError('error-committee-group-only');
    const inv = await services.tree.invite(h.committee, h.actor);
    const locale = await replyLocale(ctx);
    await ctx.reply(
      ctx.t('committee-invite-done', {
        code: inv.code,
        until: dateLabel(
          localDate(inv.expiresAt, services.committees.settingsOf(h.committee).timeZone),
          locale,
        ),
      }),
      { parse_mode: 'HTML' },
    );
  });

  for (const cmd of ['appoint', 'unappoint'] as const) {
    group.command(cmd, async (ctx, next) => {
      const h = await here(ctx);
      if (!h) return next();
      requireCommittee(h.actor, 'appoint');
      const target = await resolveTarget(ctx, services);
      if (!target) return void (await ctx.reply(ctx.t('appoint-usage')));
      if (cmd === 'appoint') {
        admins.forget(ctx.chat.id);
        if (!(await admins.isAdmin(ctx.api, ctx.chat.id, target.id)))
          throw new ServiceError('error-appoint-not-admin');
      }
      await services.committees.setMember(h.committee, h.actor, target.id, cmd === 'appoint');
      await ctx.reply(
        ctx.t(cmd === 'appoint' ? 'committee-appoint-done' : 'unappoint-done', { name: target.name }),
      );
    });
  }

  c.command('branches', async (ctx) => {
    if (ctx.chat.type === 'channel') return;
    let list: { committee: Committee; actor: CommitteeActor }[];
    if (ctx.chat.type === 'private') list = await committeesOfUser(ctx.api, services, admins, ctx.from!.id);
    else {
      const h = await here(ctx);
      if (!h) throw new ServiceError('error-committee-group-only');
      list = [h];
    }
    const locale = await replyLocale(ctx);
    for (const { committee, actor } of list) {
      requireCommittee(actor, 'view');
      const tz = services.committees.settingsOf(committee).timeZone;
      const today = localDate(deps.clock(), tz);
      const month = today.slice(0, 7);
      const nodes = await services.tree.tree(committee);
      const branches = nodes.flatMap((n) => (n.kind === 'branch' ? [n.branch] : n.branches));
      const figures = await overview(
        branches.map((b) => b._id),
        month,
        today,
      );
      const pages = renderBranches(ctx.t.bind(ctx), committee, nodes, figures, {
        month: monthLabel(month, locale),
        closeLabel: (o) =>
          ctx.t('committee-branches-close', {
            month: monthLabel(o.month, locale),
            date: dateLabel(localDate(o.at, tz), locale),
          }),
      });
      for (const page of pages) await ctx.reply(page, { parse_mode: 'HTML' });
    }
  });

  /** The unit of this group that may join a committee, with its secretary confirming. */
  const childHere = async (ctx: BotContext): Promise<Child> => {
    const h = await here(ctx);
    if (h) {
      if (h.committee.kind !== 'general')
        throw new ServiceError('error-committee-cannot-join', { name: h.committee.name });
      if (h.actor.role !== 'secretary') throw new ServiceError('error-committee-secretary-only');
      return { kind: 'general', unit: h.committee };
    }
    const branch = await services.branches.requireActive(ctx.chat!.id);
    authorize(await ctx.actorIn(branch), 'linkCommittee');
    return { kind: 'branch', unit: branch };
  };

  group.command('joincommittee', async (ctx) => {
    const child = await childHere(ctx);
    if (!ctx.match.trim()) return void (await ctx.reply(ctx.t('committee-join-usage')));
    const parent = await services.tree.join(child, ctx.from.id, ctx.match);
    await ctx.reply(ctx.t('committee-join-done', { name: child.unit.name, parent: parent.name }));
  });

  group.command('leavecommittee', async (ctx) => {
    const child = await childHere(ctx);
    const parent = await services.tree.leave(child, ctx.from.id);
    await ctx.reply(ctx.t('committee-leave-done', { name: child.unit.name, parent: parent.name }));
  });
  return c;
}
