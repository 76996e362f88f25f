import { pledgeButtons } from '../callback-data/buttons.js';
import { Composer, InlineKeyboard } from 'grammy';
import type { AppServices } from '../../services/index.js';
import type { Branch } from '../../services/branch-service.js';
import type { MemberRecord } from '../../db/models/member.js';
import type { BotContext } from '../../context.js';
import { escapeHtml } from '../views/html.js';
import { renderLedger } from '../views/pledge.js';
import { resolveTarget } from './branch.js';

/** /ledger [@user]: the pledge ledger (承诺台账) and record card (对标记录卡); the owner gets "mark done" buttons. */
export function ledgerFeature(services: AppServices) {
  const c = new Composer<BotContext>();

  async function show(ctx: BotContext, branch: Branch, member: MemberRecord) {
    const lines = await services.pledges.ledger(branch, member._id);
    const verified = await services.deeds.ofMember(member._id, true);
    const year = (await services.pledges.current(branch, member)).year;
    const own = member.userId === ctx.from!.id;
    const text = renderLedger(ctx.t, member, year, lines, verified, own);
    const open = lines.filter((l) => own && (l.status === 'approved' || l.status === 'overdue'));
    const kb = new InlineKeyboard();
    for (const l of open.slice(0, 10)) {
      const n = lines.indexOf(l) + 1;
      kb.text(ctx.t('ledger-button-done', { number: n }), pledgeButtons.pack('pd', l.item._id)).row();
    }
    await ctx.reply(text, { parse_mode: 'HTML', ...(open.length > 0 && { reply_markup: kb }) });
  }

  c.chatType(['group', 'supergroup']).command('ledger', async (ctx) => {
    const branch = await services.branches.requireActive(ctx.chat.id);
    const target = (await resolveTarget(ctx, services)) ?? { id: ctx.from.id, name: ctx.from.first_name };
    const member = await services.members.ofUser(branch._id, target.id);
    if (member?.status !== 'active')
      return void (await ctx.reply(ctx.t('ledger-none', { name: escapeHtml(target.name) })));
    await show(ctx, branch, member);
  });

  c.chatType('private').command('ledger', async (ctx) => {
    const cards = (await services.members.cardsOfUser(ctx.from.id)).filter(
      (x) => x.member.status === 'active',
    );
    if (cards.length === 0)
      return void (await ctx.reply(ctx.t('ledger-none', { name: escapeHtml(ctx.from.first_name) })));
    for (const { branch, member } of cards) await show(ctx, branch, member);
  });
  return c;
}
