import { Composer } from 'grammy';
import type { User } from 'grammy/types';
import type { AppServices } from '../../services/index.js';
import { ServiceError } from '../../services/errors.js';
import type { AdminCache } from '../admins.js';
import type { BotContext } from '../../context.js';
import { authorize } from '../../services/authorize.js';
import { activeChatBranch, type ChatBranch } from '../chat-branch.js';

/** /bind (group admins) and /appoint, /unappoint (the secretary). */
export function branchFeature(services: AppServices, admins: AdminCache, chatBranch: ChatBranch) {
  const c = new Composer<BotContext>();
  const group = c.chatType(['group', 'supergroup']);

  group.command('bind', async (ctx) => {
    admins.forget(ctx.chat.id);
    if (!(await admins.isAdmin(ctx.api, ctx.chat.id, ctx.from.id)))
      throw new ServiceError('error-not-chat-admin');
    const branch = await chatBranch(ctx);
    if (branch?.active) {
      // The secretary is no longer an admin here: another admin takes the branch over.
      const vacant =
        branch.secretaryId !== ctx.from.id &&
        !(await admins.isAdmin(ctx.api, ctx.chat.id, branch.secretaryId));
      if (!vacant) throw new ServiceError('error-branch-already-bound', { name: branch.name });
      await services.branches.takeOver(branch, ctx.from.id);
      return void (await ctx.reply(
        ctx.t('bind-taken-over', { name: branch.name, secretary: ctx.from.first_name }),
      ));
    }
    await ctx.conversation.enter('bind');
  });

  for (const cmd of ['appoint', 'unappoint'] as const) {
    group.command(cmd, async (ctx) => {
      const branch = await activeChatBranch(chatBranch, ctx);
      authorize(await ctx.actorIn(branch), cmd);
      const target = await resolveTarget(ctx, services);
      if (!target) return void (await ctx.reply(ctx.t('appoint-usage')));
      if (cmd === 'appoint') {
        admins.forget(ctx.chat.id); // a fresh look: the secretary may have just promoted them
        if (!(await admins.isAdmin(ctx.api, ctx.chat.id, target.id)))
          throw new ServiceError('error-appoint-not-admin');
        await services.branches.appoint(branch, ctx.from.id, target.id);
        await ctx.reply(ctx.t('appoint-done', { name: target.name }));
      } else {
        await services.branches.unappoint(branch, ctx.from.id, target.id);
        await ctx.reply(ctx.t('unappoint-done', { name: target.name }));
      }
    });
  }
  return c;
}

/** Whom a command is about: the replied-to author, a text mention, or an `@username` seen before. */
export async function resolveTarget(
  ctx: BotContext,
  services: AppServices,
): Promise<{ id: number; name: string } | null> {
  const replied: User | undefined = ctx.msg?.reply_to_message?.from;
  if (replied && !replied.is_bot) return { id: replied.id, name: replied.first_name };
  // A mention of someone without a username carries the user itself.
  const mentioned = ctx.msg?.entities?.find((e) => e.type === 'text_mention')?.user;
  if (mentioned && !mentioned.is_bot) return { id: mentioned.id, name: mentioned.first_name };
  const mention = /@([A-Za-z0-9_]{3,32})/.exec(String(ctx.match ?? ''));
  if (!mention) return null;
  const known = await services.users.findByUsername(mention[1]!);
  if (!known) throw new ServiceError('error-user-unknown');
  return { id: known._id, name: known.firstName ?? mention[1]! };
}
