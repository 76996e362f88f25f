import type { Branch } from '../services/branch-service.js';
import { ServiceError } from '../services/errors.js';
import type { AdminCache } from './admins.js';
import type { BotContext } from '../context.js';

export type BranchRole = 'secretary' | 'committee' | 'other';

/**
 * The actor's role in the branch, re-checked against the chat's current admins: a secretary or
 * committee member demoted in Telegram has no more rights than anyone else.
 */
export async function roleIn(ctx: BotContext, branch: Branch, admins: AdminCache): Promise<BranchRole> {
  const userId = ctx.from!.id;
  const listed =
    userId === branch.secretaryId
      ? 'secretary'
      : branch.committeeIds.includes(userId)
        ? 'committee'
        : 'other';
  if (listed === 'other') return 'other';
  return (await admins.isAdmin(ctx.api, branch.chatId, userId)) ? listed : 'other';
}

export async function requireSecretary(ctx: BotContext, branch: Branch, admins: AdminCache): Promise<void> {
  if ((await roleIn(ctx, branch, admins)) !== 'secretary') throw new ServiceError('error-secretary-only');
}

export async function requireReviewer(ctx: BotContext, branch: Branch, admins: AdminCache): Promise<void> {
  if ((await roleIn(ctx, branch, admins)) === 'other') throw new ServiceError('error-reviewer-only');
}
