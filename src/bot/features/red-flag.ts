import { Composer } from 'grammy';
import { ServiceError } from '../../services/errors.js';
import type { AppServices } from '../../services/index.js';
import type { AdminCache } from '../admins.js';
import type { BotContext } from '../../context.js';
import { replyLocale } from '../../i18n.js';
import { committeeHere, committeesOfUser } from '../committee-role.js';
import { explainRedFlag } from '../views/red-flag.js';

/** `/redflag [why] [period]` arguments: 'why' is optional, a period is '2026-11' or '2026Q4'. */
export function parseRedFlagArgs(text: string): { period?: string } | null {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words[0]?.toLowerCase() === 'why') words.shift();
  if (words.length > 1) return null;
  if (words.length === 0) return {};
  return /^\d{4}-(0[1-9]|1[0-2])$|^\d{4}Q[1-4]$/.test(words[0]!) ? { period: words[0]! } : null;
}

/**
 * The rotating red flag explained from the stored award (`/redflag why [period]`), for the
 * committee's secretary and members: in the committee's group, or in private for each committee
 * the user sits on. In a committee's group `/why` means the same.
 */
export function redFlagFeature(deps: { services: AppServices; admins: AdminCache }) {
  const { services, admins } = deps;
  const c = new Composer<BotContext>();

  async function explain(
    ctx: BotContext,
    args: string,
    group: 'only' | 'or-next',
    next: () => Promise<void>,
  ) {
    const chat = ctx.chat!;
    const here =
      chat.type === 'private' ? null : await committeeHere(ctx.api, services, admins, chat.id, ctx.from!.id);
    if (chat.type !== 'private' && !here) {
      if (group === 'or-next') return next();
      throw new ServiceError('error-committee-group-only');
    }
    const parsed = parseRedFlagArgs(args);
    if (!parsed) return void (await ctx.reply(ctx.t('redflag-why-usage')));
    const list = here ? [here] : await committeesOfUser(ctx.api, services, admins, ctx.from!.id);
    const locale = await replyLocale(ctx);
    for (const { committee, actor } of list) {
      const award = await services.comparison.why(committee, actor, parsed.period);
      await ctx.reply(explainRedFlag(ctx.t.bind(ctx), locale, committee, award));
    }
  }

  c.command('redflag', (ctx, next) => explain(ctx, ctx.match, 'only', next));
  c.chatType(['group', 'supergroup']).command('why', (ctx, next) => explain(ctx, ctx.match, 'or-next', next));
  return c;
}
