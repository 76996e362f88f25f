import { describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import { formatSetting } from '../../src/domain/setting-choices.js';
import { createI18n } from '../../src/i18n.js';
import { renderCard, renderRoster } from '../../src/bot/views/card.js';
import { escapeHtml, starBar } from '../../src/bot/views/html.js';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.js';
import { SETTINGS_KEYS, applySettingsPatch, parseSettingsPatch } from '../../src/domain/settings-patch.js';
import type { Member } from '../../src/services/member-service.js';

const i18n = createI18n(async () => 'zh');
const zh = (key: string, params?: Record<string, string | number>) => i18n.t('zh', key, params);
const en = (key: string, params?: Record<string, string | number>) => i18n.t('en', key, params);

function member(extra: Partial<Member> = {}): Member {
  return {
    _id: new Types.ObjectId(),
    branchId: new Types.ObjectId(),
    userId: 1,
    realName: '王<芳>',
    post: '综合窗口 & 咨询',
    unit: '一号窗口',
    membership: 'full',
    isLeading: false,
    isElderly: false,
    motto: '群众的事再小也是大事',
    status: 'active',
    stars: 3,
    plateOn: true,
    titleHeld: false,
    consecutiveFails: 0,
    consecutivePasses: 0,
    submittedAt: new Date(0),
    ...extra,
  };
}

describe('member card and roster board', () => {
  it.each([
    [
      {},
      ['🏅 <b>王&lt;芳&gt;</b> · 正式党员', '综合窗口 &amp; 咨询', '★★★☆☆  🔖 在岗挂牌'],
      ['领导干部', '岗位标准'],
    ],
    [{ isLeading: true, membership: 'probationary' as const }, ['预备党员 · 领导干部'], ['离退休']],
    [{ isElderly: true, plateOn: false, stars: 0 }, ['离退休/年老体弱', '☆☆☆☆☆  🚫 已摘牌'], []],
    [{ titleHeld: true, stars: 5 }, ['★★★★★  🏆 星级党员示范岗'], ['已摘牌']],
  ])('card %j', (extra, present, absent) => {
    const text = renderCard(zh, member(extra));
    for (const p of present) expect(text).toContain(p);
    for (const a of absent) expect(text).not.toContain(a);
  });

  it('shows the approved standard, escaped, and speaks English for an English branch', () => {
    expect(renderCard(zh, member(), '<b>不超过</b>15分钟')).toContain(
      '📋 岗位标准：&lt;b&gt;不超过&lt;/b&gt;15分钟',
    );
    expect(renderCard(en, member())).toContain('Post: 综合窗口 &amp; 咨询 | Window: 一号窗口');
  });

  it('numbers the board and marks a removed plate', () => {
    const text = renderRoster(zh, { name: '第一<支部>' }, [
      member(),
      member({ realName: '李四', plateOn: false }),
    ]);
    expect(text).toContain('📌 第一&lt;支部&gt; · 党员公示榜');
    expect(text).toContain('1. ★★★☆☆ <b>王&lt;芳&gt;</b>');
    expect(text).toContain('2. ★★★☆☆ <b>李四</b> · 综合窗口 &amp; 咨询 · 一号窗口 🚫');
    expect(text).toContain('共 2 名党员');
    expect(renderRoster(zh, { name: 'x' }, [])).toContain('暂无党员');
  });

  it('fits a large branch into one message, saying how many are not listed', () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      member({ realName: `党员${i + 1}`, motto: '我的岗位我示范'.repeat(4) }),
    );
    const text = renderRoster(zh, { name: '大支部' }, many);
    expect(text.length).toBeLessThanOrEqual(3800);
    const listed = text.split('\n').filter((l) => /^\d+\. /.test(l)).length;
    expect(listed).toBeGreaterThan(20);
    expect(text).toContain(`……另有 ${200 - listed} 名党员`);
    expect(text).toContain('共 200 名党员');
  });

  it.each([
    [0, '☆☆☆☆☆'],
    [5, '★★★★★'],
    [7, '★★★★★'],
    [-1, '☆☆☆☆☆'],
  ])('starBar(%i) = %s', (n, bar) => expect(starBar(n)).toBe(bar));

  it('escapes only what Telegram HTML needs', () =>
    expect(escapeHtml(`a<b>&"c"`)).toBe('a&lt;b&gt;&amp;"c"'));
});

describe('/settings display', () => {
  it('formats every key in the form /settings accepts back', () => {
    for (const key of SETTINGS_KEYS) {
      const shown = formatSetting(DEFAULT_SETTINGS, key);
      const patch = parseSettingsPatch(key, shown);
      expect(patch.ok, `${key} = ${shown}`).toBe(true);
      if (patch.ok)
        expect(applySettingsPatch(DEFAULT_SETTINGS, patch.value)).toEqual({
          ok: true,
          value: DEFAULT_SETTINGS,
        });
    }
  });

  it.each([
    ['weights', '20/40/40'],
    ['pledgeReminderDaysBefore', '7,1'],
    ['remindersPaused', 'off'],
    ['holidays', '-'],
    ['timeZone', 'Asia/Shanghai'],
    ['commentPeriodDays', '3'],
  ])('%s shows as %s', (key, shown) => expect(formatSetting(DEFAULT_SETTINGS, key)).toBe(shown));
});
