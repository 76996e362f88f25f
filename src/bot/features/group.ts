import { Composer } from 'grammy';
import type { Logger } from 'pino';
import type { AppServices } from '../../services/index.js';
import type { AdminCache } from '../admins.js';
import type { BotContext } from '../../context.js';
import type { RosterBoard } from '../roster-board.js';
import type { Notifier } from '../notify.js';
import { replyLocale } from '../../i18n.js';

/** Telegram's GroupAnonymousBot: the sender of messages by admins who post anonymously. */
export const ANONYMOUS_ADMIN_ID = 1087968824;

/** The command that starts a dialog again, for dialogs a command starts (others start from buttons). */
const RESTART_COMMAND: Readonly<Record<string, string>> = {
  bind: '/bind',
  'bind-committee': '/bindcommittee',
  join: '/join',
  standard: '/standard',
  pledge: '/pledge',
  deed: '/deed',
  feedback: '/feedback',
  comment: '/comment',
};

/** The bot's own life in a group: added (introduce), removed (keep records), upgraded to a supergroup. */
export function groupFeature(
  services: AppServices,
  admins: AdminCache,
  roster: RosterBoard,
  notify: Notifier,
  log: Logger,
) {
  const c = new Composer<BotContext>();

  c.on('my_chat_member', async (ctx) => {
    const { old_chat_member: before, new_chat_member: after, chat } = ctx.myChatMember;
    if (chat.type === 'private' || chat.type === 'channel') return;
    admins.forget(chat.id);
    const wasIn = before.status !== 'left' && before.status !== 'kicked';
    const isIn = after.status !== 'left' && after.status !== 'kicked';
    if (!wasIn && isIn) {
      const branch = await services.branches.findByChat(chat.id);
      if (branch?.active)
        await ctx.reply(ctx.t('group-already-bound', { name: branch.name, unit: branch.unit }));
      else await ctx.reply(ctx.t('welcome-group'));
    } else if (isIn && after.status === 'administrator' && before.status !== 'administrator') {
      // Rights granted: the roster board can be pinned now.
      const branch = await services.branches.findByChat(chat.id);
      if (branch?.active && branch.rosterMessageId) await roster(ctx.api, branch);
    } else if (wasIn && !isIn) {
      await services.branches.setActive(chat.id, false);
      log.info({ chatId: chat.id }, 'bot removed from group; branch marked inactive');
    }
  });

  // An admin promoted or demoted in Telegram: re-read the admins on the next check.
  c.on('chat_member', async (ctx, next) => {
    admins.forget(ctx.chat.id);
    await next();
  });

  // Both service messages may come, in either order: the migration is idempotent.
  // This one comes in the old group: its dialogs end here and whoever had one is told in the new
  // supergroup, in one message, what to start again (services/dialog-service.ts says why). Here,
  // not in the new chat's handler: chats are handled in parallel and the dialogs plugin writes the
  // old chat's state at the end of each of its updates, so only the old chat's turn ends them surely.
  c.on('message:migrate_to_chat_id', async (ctx) => {
    const to = ctx.message.migrate_to_chat_id;
    await services.branches.migrate(ctx.chat.id, to);
    admins.forget(ctx.chat.id);
    log.info({ from: ctx.chat.id, to }, 'group migrated to supergroup');
    await ctx.conversation.exitAll();
    const ended = await services.dialogs.endForMigratedChat(ctx.chat.id);
    if (!ended.length) return;
    // A post in the new supergroup, through the sender queue; a chat is upgraded once (the key).
    await notify.toChat(
      to,
      await replyLocale(ctx),
      `group-upgraded:${ctx.chat.id}`,
      (t) => {
        const lines = ended.map(({ name, dialogs }) => {
          const command = dialogs.map((d) => RESTART_COMMAND[d]).find(Boolean);
          return command
            ? t('dialog-ended-by-upgrade-command', { name, command })
            : t('dialog-ended-by-upgrade', { name });
        });
        return [t('group-upgraded'), ...lines].join('\n');
      },
      { html: false },
    );
  });
  c.on('message:migrate_from_chat_id', async (ctx) => {
    await services.branches.migrate(ctx.message.migrate_from_chat_id, ctx.chat.id);
    admins.forget(ctx.chat.id);
  });

  // An anonymous admin posts as the group itself: the bot cannot tell who it is, so it says so.
  c.on('message:entities:bot_command', async (ctx, next) => {
    if (ctx.from?.id !== ANONYMOUS_ADMIN_ID) return next();
    await ctx.reply(ctx.t('error-anonymous-admin'));
  });
  return c;
}
