import type { Api, MiddlewareFn } from 'grammy';
import type { Actor, Role } from '../domain/roles.js';
import type { AppServices } from '../services/index.js';
import type { Branch } from '../services/branch-service.js';
import type { AdminCache } from './admins.js';
import type { BotContext } from '../context.js';

/**
 * Builds Actors: the role the branch lists (secretary, committee member) or the person's card
 * (member) or neither (masses), and, for a listed secretary or committee member, whether they are
 * an admin of the branch's group now, asked from Telegram (getChatMember) once per update: a bot
 * that is not an admin of the group hears of no demotion, so a cached answer could be stale. The
 * same check runs whether the update comes from the group or from a private chat: a private action
 * always re-checks the person's current rights in the group.
 */
export function createActors(services: AppServices, admins: AdminCache) {
  async function of(api: Api, branch: Branch, userId: number): Promise<Actor> {
    const listed: Role | null =
      userId === branch.secretaryId ? 'secretary' : branch.committeeIds.includes(userId) ? 'committee' : null;
    const branchId = branch._id.toString();
    if (listed) {
      const isChatAdmin = await admins.isAdminNow(api, branch.chatId, userId);
      return { userId, role: listed, isChatAdmin, branchId };
    }
    const member = await services.members.ofUser(branch._id, userId);
    // Admin status gives nobody else a right in a bound branch (only `bind`, checked on its own).
    return { userId, role: member?.status === 'active' ? 'member' : 'masses', isChatAdmin: false, branchId };
  }

  /** Installs `ctx.actorIn`, memoised per update. */
  const middleware: MiddlewareFn<BotContext> = async (ctx, next) => {
    const memo = new Map<string, Promise<Actor>>();
    ctx.actorIn = (branch: Branch) => {
      if (!ctx.from) throw new Error('actorIn needs an update with a sender');
      const key = branch._id.toString();
      let actor = memo.get(key);
      if (!actor) {
        actor = of(ctx.api, branch, ctx.from.id);
        memo.set(key, actor);
      }
      return actor;
    };
    await next();
  };
  return { of, middleware };
}
export type Actors = ReturnType<typeof createActors>;
