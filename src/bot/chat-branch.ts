import type { Update } from 'grammy/types';
import type { Branch } from '../services/branch-service.js';
import type { AppServices } from '../services/index.js';
import { ServiceError } from '../services/errors.js';

/**
 * The branch bound to the update's group, looked up once per update: the locale negotiation needs
 * it for every update and the feature that answers (/help) needs it again. Memoised on the update
 * object, so nothing is kept across updates (another replica may bind or change the branch).
 */
export function createChatBranch(services: Pick<AppServices, 'branches'>) {
  const memo = new WeakMap<Update, Promise<Branch | null>>();
  return (ctx: { update: Update; chat?: { id: number; type: string } | undefined }) => {
    if (!ctx.chat || ctx.chat.type === 'private') return Promise.resolve(null);
    let branch = memo.get(ctx.update);
    if (!branch) {
      branch = services.branches.findByChat(ctx.chat.id);
      memo.set(ctx.update, branch);
    }
    return branch;
  };
}
export type ChatBranch = ReturnType<typeof createChatBranch>;

/** The group's branch (looked up once per update), refused as `requireActive` refuses when unbound or inactive. */
export async function activeChatBranch(
  chatBranch: ChatBranch,
  ctx: Parameters<ChatBranch>[0],
): Promise<Branch> {
  const branch = await chatBranch(ctx);
  if (!branch) throw new ServiceError('error-branch-not-bound');
  if (!branch.active) throw new ServiceError('error-branch-inactive');
  return branch;
}
