import { Composer } from 'grammy';
import type { AppServices } from '../../services/index.js';
import type { AdminCache } from '../admins.js';
import { COMMANDS } from '../commands.js';
import type { BotContext } from '../context.js';
import { roleIn } from '../roles.js';

const SECRETARY_COMMANDS = ['appoint', 'unappoint'];

/** /help: what this user, in this role and this chat, can do. */
export function helpFeature(services: AppServices, admins: AdminCache) {
  const c = new Composer<BotContext>();
  c.command('help', async (ctx) => {
    const line = (cmd: string) => `/${cmd} — ${ctx.t(`cmd-${cmd}`)}`;
    if (ctx.chat.type === 'private') {
      return void (await ctx.reply([ctx.t('help-title'), ...COMMANDS.private.map(line)].join('\n')));
    }
    const branch = await services.branches.findByChat(ctx.chat.id);
    if (!branch?.active) return void (await ctx.reply(ctx.t('help-unbound')));
    const role = await roleIn(ctx, branch, admins);
    const everyone = COMMANDS.group.filter((c) => c !== 'bind' && !SECRETARY_COMMANDS.includes(c));
    const lines = [ctx.t('help-title'), ...everyone.map(line)];
    if (role === 'secretary') lines.push('', ctx.t('help-secretary'), ...SECRETARY_COMMANDS.map(line));
    await ctx.reply(lines.join('\n'));
  });
  return c;
}
