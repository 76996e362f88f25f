import { refusedAs } from './api-errors.js';
import type { Api } from 'grammy';
import { effectiveRole, type Role } from '../domain/roles.js';
import type { AppServices } from '../services/index.js';
import type { Branch } from '../services/branch-service.js';
import type { Member } from '../services/member-service.js';
import { ServiceError } from '../services/errors.js';
import type { BotContext } from '../context.js';

/**
 * Checks every feature shares, so that nothing of one branch is seen or changed from another
 * group or from the private chat of someone outside it. Each throws a ServiceError the error
 * boundary turns into a localized sentence.
 */

/** How long the branch's dialogs wait for an answer (setting dialogIdleMinutes, default 30). */
export function idleMinutes(services: AppServices, branch: Branch): number {
  return services.branches.settingsOf(branch).dialogIdleMinutes;
}

/** The active branch bound to the group this update comes from. */
export async function groupBranch(ctx: BotContext, services: AppServices): Promise<Branch> {
  if (!ctx.chat || ctx.chat.type === 'private' || ctx.chat.type === 'channel')
    throw new ServiceError('error-group-only');
  return services.branches.requireActive(ctx.chat.id);
}

/** The user's current (active) membership of the branch, or a refusal. */
export async function requireMember(services: AppServices, branch: Branch, userId: number): Promise<Member> {
  const member = await services.members.ofUser(branch._id, userId);
  if (member?.status !== 'active') throw new ServiceError('error-not-member');
  return member;
}

/** True when the user is in the branch's group right now (asked from Telegram). */
export async function isInGroup(api: Api, branch: Branch, userId: number): Promise<boolean> {
  // Telegram refusing to say (no such user, the bot gone from the group) means not in it.
  const m = await api.getChatMember(branch.chatId, userId).catch(refusedAs(null));
  if (!m || m.status === 'kicked') return false;
  return m.status !== 'left' && !(m.status === 'restricted' && !m.is_member);
}

/** For private-chat entry points (deep links): the branch, if active and the user is in its group. */
export async function branchForOutsider(
  ctx: BotContext,
  services: AppServices,
  branchId: string,
): Promise<Branch> {
  const branch = await services.branches.byId(branchId);
  if (!branch?.active) throw new ServiceError('error-action-unavailable');
  if (!(await isInGroup(ctx.api, branch, ctx.from!.id))) throw new ServiceError('error-not-in-group');
  return branch;
}

/**
 * The presser's role in the branch in the domain's words, as the policy sees it now: secretary /
 * committee (while an admin of the group), member (active card), or masses (everyone else).
 */
export async function branchRole(ctx: BotContext, services: AppServices, branch: Branch): Promise<Role> {
  const actor = await ctx.actorIn(branch);
  const role = effectiveRole(actor);
  if (role === actor.role) return role;
  // No longer a group admin: a member only with an active card.
  const member = await services.members.ofUser(branch._id, actor.userId);
  return member?.status === 'active' ? 'member' : 'masses';
}
