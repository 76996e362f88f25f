import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { parseRedFlagArgs } from '../../src/bot/features/red-flag.js';
import { explainRedFlag } from '../../src/bot/views/red-flag.js';
import { computeRedFlag, RED_FLAG_RULE, type BranchFigures } from '../../src/domain/red-flag.js';
import { createI18n } from '../../src/i18n.js';
import type { RedFlagAward, RedFlagAwardInputs } from '../../src/services/committee-comparison.js';
import type { Committee } from '../../src/services/committee-service.js';

const i18n = createI18n(async () => 'zh');
const t = (locale: 'zh' | 'en') => (key: string, params?: Record<string, string | number>) =>
  i18n.t(locale, key, params);

const fig = (
  branchId: string,
  rated: number,
  averageScore: number,
  selfRated: number,
  overdueItems: number,
) =>
  ({
    branchId,
    rated,
    averageScore,
    passed: rated,
    selfRated,
    deedsVerified: 0,
    overdueItems,
  }) as BranchFigures;

function award(figures: BranchFigures[], previousHolderId: string | null, tamper = false): RedFlagAward {
  const inputs: RedFlagAwardInputs = {
    months: ['2026-11'],
    names: { a: '甲支部', b: '乙支部', c: '丙支部' },
    rule: RED_FLAG_RULE,
    figures,
    previousHolderId,
  };
  const result = computeRedFlag(inputs, RED_FLAG_RULE);
  return {
    _id: new Types.ObjectId(),
    committeeId: new Types.ObjectId(),
    kind: 'red-flag',
    period: '2026-11',
    rules: { redFlag: RED_FLAG_RULE.version },
    inputs,
    result: tamper ? { ...result, winnerId: 'c' } : result,
    winnerId: null,
    computedAt: new Date(),
  };
}
const committee = { name: '机关党委' } as Committee;

describe('/redflag why', () => {
  it.each([
    ['', {}],
    ['why', {}],
    ['why 2026-11', { period: '2026-11' }],
    ['2026Q4', { period: '2026Q4' }],
    ['WHY 2026Q1', { period: '2026Q1' }],
    ['why 2026-13', null],
    ['why 2026Q5', null],
    ['why 2026-11 extra', null],
    ['because', null],
  ])('parses %j', (text, expected) => {
    expect(parseRedFlagArgs(text)).toEqual(expected);
  });

  it('explains the stored award from its figures: rule, ranking, tie, previous holder, recomputation', () => {
    // 乙's full participation outweighs 甲's higher average score.
    const text = explainRedFlag(
      t('zh'),
      'zh',
      committee,
      award([fig('a', 4, 90, 3, 0), fig('b', 2, 80, 2, 0), fig('c', 0, 0, 0, 0)], 'b'),
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe('🚩 机关党委 流动红旗 · 2026年11月 · 规则 red-flag/2026.1');
    expect(lines[1]).toContain('平均分×60% + 自评参与率×25% + 承诺按期得分×15%');
    expect(lines[2]).toBe('获得者：乙支部');
    expect(text).toContain(
      '2. 甲支部：指数 87.75 = 平均分 90 · 参与率 75% · 按期得分 100（参评 4 人，逾期 0 项）',
    );
    expect(text).toContain(
      '1. 乙支部：指数 88 = 平均分 80 · 参与率 100% · 按期得分 100（参评 2 人，逾期 0 项）',
    );
    expect(text).toContain('丙支部：无考评结果，不参评');
    expect(text).toContain('上期持有者：乙支部');
    expect(lines.at(-1)).toBe('✅ 按保存的依据重新计算，结果一致。');
  });

  it('names the tie-breaks tried, says when nobody qualified, and flags a stored answer that does not recompute', () => {
    const tie = explainRedFlag(
      t('en'),
      'en',
      committee,
      award([fig('a', 2, 90, 2, 0), fig('b', 2, 90, 2, 0)], 'a'),
    );
    expect(tie).toContain('Winner: 乙支部');
    expect(tie).toContain(
      'A tie was broken by, in order: average score, self-rating participation, overdue pledges per member, not the previous holder first.',
    );
    const none = explainRedFlag(t('zh'), 'zh', committee, award([fig('c', 0, 0, 0, 0)], null));
    expect(none).toContain('本期没有符合条件的支部。');
    const tampered = explainRedFlag(t('zh'), 'zh', committee, award([fig('a', 2, 90, 2, 0)], null, true));
    expect(tampered.split('\n').at(-1)).toBe('⚠️ 按保存的依据重新计算，结果不一致，请联系书记。');
  });
});
