import { Composer } from 'grammy';
import type { AppServices } from '../../services/index.js';
import { COMMANDS, HELP_BY_ROLE, HELP_SECTIONS } from '../commands.js';
import type { BotContext } from '../../context.js';
import { branchRole } from '../guards.js';
import type { ChatBranch } from '../chat-branch.js';

/** What /help lists in a committee's group: its commands, some with the committee's own wording. */
const COMMITTEE_HELP = [
  'branches',
  'invite',
  'help-committee-appoint',
  'help-committee-unappoint',
  'redflag',
  'rollup',
  'help-committee-comment',
];

/** /help: what this user, in this role and this chat, can do. */
export function helpFeature(services: AppServices, chatBranch: ChatBranch) {
  const c = new Composer<BotContext>();
  c.command('help', async (ctx) => {
    const line = (cmd: string) => `/${cmd} — ${ctx.t(`cmd-${cmd}`)}`;
    if (ctx.chat.type === 'private') {
      return void (await ctx.reply(
        [ctx.t('help-title'), ...COMMANDS.private.map(line), '', ctx.t('help-private-note')].join('\n'),
      ));
    }
    const branch = await chatBranch(ctx);
    if (!branch?.active) {
      const committee = await services.committees.findByChat(ctx.chat.id);
      if (!committee?.active) return void (await ctx.reply(ctx.t('help-unbound')));
      return void (await ctx.reply(
        [
          ctx.t('help-committee-title', { name: committee.name }),
          ...COMMITTEE_HELP.map((cmd) => (cmd.startsWith('help-') ? ctx.t(cmd) : line(cmd))),
          '',
          ctx.t('help-committee-note'),
        ].join('\n'),
      ));
    }
    const role = await branchRole(ctx, services, branch);
    const lines = [ctx.t(`help-role-${role}`, { branch: branch.name })];
    for (const section of HELP_SECTIONS[role]) {
      const cmds = HELP_BY_ROLE[section];
      lines.push('', ctx.t(`help-section-${section}`), ...cmds.map(line));
      if (section === 'committee') lines.push(ctx.t('help-review-buttons'));
    }
    await ctx.reply(lines.join('\n'));
  });
  return c;
}
