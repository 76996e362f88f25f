import { Composer, InlineKeyboard } from 'grammy';
import { formatSetting, MENU_KEYS, settingChoices } from '../../domain/setting-choices.js';
import { settingKeyOf } from '../../domain/setting-names.js';
import type { BranchSettings } from '../../domain/settings.js';
import type { AppServices } from '../../services/index.js';
import { branchT, type T } from '../branch-t.js';
import type { BotContext } from '../../context.js';
import { groupBranch } from '../guards.js';
import type { Translator } from '../../i18n.js';
import { authorize } from '../../services/authorize.js';
import { packSettings, SETTINGS_CALLBACK, unpackSettings } from './settings-data.js';
import { isNotModified } from '../api-errors.js';
import { escapeHtml } from '../views/html.js';

/** The whole list, with a button per setting to open it. */
function listView(t: T, s: BranchSettings) {
  const lines = MENU_KEYS.map(
    (k) =>
      `${t('settings-line', { name: escapeHtml(t(`settings-name-${k}`)), key: k, value: escapeHtml(formatSetting(s, k)) })}\n    ${escapeHtml(t(`settings-desc-${k}`))}`,
  );
  const keyboard = new InlineKeyboard();
  MENU_KEYS.forEach((k, i) => {
    keyboard.text(t(`settings-name-${k}`), packSettings({ kind: 'show', key: k }));
    if (i % 3 === 2) keyboard.row();
  });
  return {
    text: [t('settings-title'), '', ...lines, '', t('settings-usage')].join('\n'),
    keyboard,
  };
}

/** One setting: its value, what it means, and a button per usual value (or how to type one). */
function settingView(t: T, s: BranchSettings, key: string) {
  const now = formatSetting(s, key);
  const choices = settingChoices(key, s);
  const keyboard = new InlineKeyboard();
  for (const v of choices ?? [])
    keyboard.text(v === now ? `✓ ${v}` : v, packSettings({ kind: 'set', key, value: v }));
  keyboard.row().text(t('settings-back'), packSettings({ kind: 'list' }));
  const name = t(`settings-name-${key}`);
  const text = [
    t('settings-one-title', { name, key }),
    t('settings-one-value', { value: now }),
    t(`settings-desc-${key}`),
    '',
    t(choices ? 'settings-one-pick' : 'settings-one-type', { name }),
  ].join('\n');
  return { text: escapeHtml(text), keyboard };
}

/**
 * /settings (secretary, in the group): the settings with a button each; a setting's button shows
 * its value and the usual values as buttons; `/settings <key or 中文名> <value>` changes one by text.
 */
export function settingsFeature(services: AppServices, i18n: Translator) {
  const c = new Composer<BotContext>();
  c.command('settings', async (ctx) => {
    const branch = await groupBranch(ctx, services);
    const actor = await ctx.actorIn(branch);
    authorize(actor, 'editSettings');
    const [key, ...rest] = ctx.match.trim().split(/\s+/);
    if (!key) {
      const view = listView(ctx.t, services.branches.settingsOf(branch));
      return void (await ctx.reply(view.text, { parse_mode: 'HTML', reply_markup: view.keyboard }));
    }
    const after = await services.branches.updateSettings(branch, actor, key, rest.join(' '));
    // A language change is answered in the new language.
    const t = branchT(i18n, { settings: after });
    const canonical = settingKeyOf(key) ?? key;
    await ctx.reply(t('settings-updated', { key: canonical, value: formatSetting(after, canonical) }));
  });

  c.callbackQuery(SETTINGS_CALLBACK, async (ctx, next) => {
    const cb = unpackSettings(ctx.callbackQuery.data);
    if (!cb) return next();
    const branch = await groupBranch(ctx, services);
    const actor = await ctx.actorIn(branch);
    authorize(actor, 'editSettings');
    let settings = services.branches.settingsOf(branch);
    if (cb.kind === 'set') {
      if (formatSetting(settings, cb.key) === cb.value) {
        return void (await ctx.answerCallbackQuery({ text: ctx.t('settings-unchanged') }));
      }
      settings = await services.branches.updateSettings(branch, actor, cb.key, cb.value);
      await ctx.answerCallbackQuery({
        text: ctx.t('settings-updated', { key: cb.key, value: formatSetting(settings, cb.key) }),
      });
    } else await ctx.answerCallbackQuery();
    // The menu message speaks the branch's language (a language change switches it at once).
    const t = branchT(i18n, { settings });
    const view = cb.kind === 'list' ? listView(t, settings) : settingView(t, settings, cb.key);
    try {
      await ctx.editMessageText(view.text, { parse_mode: 'HTML', reply_markup: view.keyboard });
    } catch (err) {
      // A second press on the same view before the first edit showed: nothing to change.
      if (!isNotModified(err)) throw err;
    }
  });
  return c;
}
