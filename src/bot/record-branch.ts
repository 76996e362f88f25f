import type { Types } from 'mongoose';
import type { AppServices } from '../services/index.js';
import type { Branch } from '../services/branch-service.js';
import { ServiceError } from '../services/errors.js';
import { branchT } from './branch-t.js';
import type { BotContext } from '../context.js';
import type { Translator } from '../i18n.js';
import { authorize, recordOf, type Action } from '../services/authorize.js';

/**
 * The branch a pressed button's record belongs to. In a group the record must belong to the
 * group's own branch (nothing of one branch is changed from another group); in a private chat the
 * record's branch is used and the presser's role in it is checked by the caller.
 */
export async function branchOfRecord(
  ctx: { chat?: { id: number; type: string } },
  services: AppServices,
  recordBranchId: Types.ObjectId | undefined,
): Promise<Branch> {
  if (!recordBranchId) throw new ServiceError('error-action-unavailable');
  const branch =
    ctx.chat?.type === 'private'
      ? await services.branches.byId(recordBranchId.toString())
      : await services.branches.findByChat(ctx.chat!.id);
  if (!branch?.active || !branch._id.equals(recordBranchId))
    throw new ServiceError('error-action-unavailable');
  return branch;
}

/**
 * A member's record whose review button was pressed: its branch, the presser as the Actor there
 * (the policy must allow `action` on this record: a reviewer of that branch, not on their own
 * record; checked at the press, before any dialog starts), its member's name, and the reviewer's
 * (`by`: their name on the roster, else their Telegram name) for the label that says who decided.
 */
export async function reviewedRecord(
  ctx: BotContext,
  services: AppServices,
  action: Action,
  record: { branchId: Types.ObjectId; userId: number; memberId: Types.ObjectId } | null | undefined,
) {
  const branch = await branchOfRecord(ctx, services, record?.branchId);
  const actor = await ctx.actorIn(branch);
  authorize(actor, action, recordOf(branch, record!.userId));
  const member = await services.members.byId(branch._id, record!.memberId.toString());
  const reviewer = await services.members.ofUser(branch._id, ctx.from!.id);
  const by = reviewer?.status === 'active' ? reviewer.realName : ctx.from!.first_name;
  return { branch, actor, name: member?.realName ?? '', by };
}

/** Text edited into a message where the button was: the branch's language in its group, the user's in private. */
export function messageT(ctx: BotContext, i18n: Translator, branch: Branch) {
  return ctx.chat?.type === 'private' ? ctx.t : branchT(i18n, branch);
}

/** An active branch by id (from a deep link or a record), or a refusal. */
export async function activeBranch(services: AppServices, branchId: string): Promise<Branch> {
  const branch = await services.branches.byId(branchId);
  if (!branch?.active) throw new ServiceError('error-action-unavailable');
  return branch;
}

/** The user's active membership of the branch, or a refusal. */
export async function activeMember(services: AppServices, branch: Branch, userId: number) {
  const member = await services.members.ofUser(branch._id, userId);
  if (member?.status !== 'active') throw new ServiceError('error-not-member');
  return member;
}

/** A pseudo chat for checks made outside an update (inside a dialog's side effect). */
export const chatOf = (chatId: number) => ({ chat: { id: chatId, type: chatId > 0 ? 'private' : 'group' } });
