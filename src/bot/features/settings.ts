import { Composer } from 'grammy';
import type { BranchSettings } from '../../domain/settings.js';
import { SETTINGS_KEYS } from '../../domain/settings-patch.js';
import { settingKeyOf } from '../../domain/setting-names.js';
import type { AppServices } from '../../services/index.js';
import type { AdminCache } from '../admins.js';
import { branchT } from '../branch-t.js';
import type { BotContext } from '../../context.js';
import { groupBranch } from '../guards.js';
import type { Translator } from '../../i18n.js';
import { authorize } from '../../services/authorize.js';

/** How a setting reads in `/settings`, in the same form `/settings <key> <value>` accepts. */
export function formatSetting(s: BranchSettings, key: string): string {
  switch (key) {
    case 'weights':
      return `${s.weights.self}/${s.weights.masses}/${s.weights.organisation}`;
    case 'holidayWorkdays':
      return s.holidayOverrides.workdays.join(',') || '-';
    case 'holidays':
      return s.holidayOverrides.holidays.join(',') || '-';
    case 'remindersPaused':
      return s.remindersPaused ? 'on' : 'off';
    default: {
      const value = (s as unknown as Record<string, unknown>)[key];
      return Array.isArray(value) ? value.join(',') || '-' : String(value);
    }
  }
}

/** /settings (secretary): shows the branch settings, `/settings <key> <value>` changes one. */
export function settingsFeature(services: AppServices, admins: AdminCache, i18n: Translator) {
  const c = new Composer<BotContext>();
  c.command('settings', async (ctx) => {
    const branch = await groupBranch(ctx, services);
    authorize(await ctx.actorIn(branch), 'editSettings');
    const [key, ...rest] = ctx.match.trim().split(/\s+/);
    if (!key) {
      const s = services.branches.settingsOf(branch);
      const lines = SETTINGS_KEYS.map(
        (k) => `<code>${k}</code> = <b>${formatSetting(s, k)}</b>\n    ${ctx.t(`settings-desc-${k}`)}`,
      );
      return void (await ctx.reply(
        [ctx.t('settings-title'), '', ...lines, '', ctx.t('settings-usage')].join('\n'),
        {
          parse_mode: 'HTML',
        },
      ));
    }
    const after = await services.branches.updateSettings(branch, ctx.from!.id, key, rest.join(' '));
    // A language change is answered in the new language.
    const t = branchT(i18n, { settings: after });
    const canonical = settingKeyOf(key) ?? key;
    await ctx.reply(t('settings-updated', { key: canonical, value: formatSetting(after, canonical) }));
  });
  return c;
}
