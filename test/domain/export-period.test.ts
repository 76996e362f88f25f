import { describe, expect, it } from 'vitest';
import { parseExportPeriod } from '../../src/domain/export-period.js';

describe('parseExportPeriod', () => {
  it.each([
    ['', 'year', '2026', '2026-01-01', '2027-01-01', 12, ['2026Q1', '2026Q2', '2026Q3', '2026Q4']],
    ['2025', 'year', '2025', '2025-01-01', '2026-01-01', 12, ['2025Q1', '2025Q2', '2025Q3', '2025Q4']],
    ['2026Q3', 'quarter', '2026Q3', '2026-07-01', '2026-10-01', 3, ['2026Q3']],
    ['2026-q4', 'quarter', '2026Q4', '2026-10-01', '2027-01-01', 3, ['2026Q4']],
    [' 2026-07 ', 'month', '2026-07', '2026-07-01', '2026-08-01', 1, ['2026Q3']],
    ['2026-12', 'month', '2026-12', '2026-12-01', '2027-01-01', 1, ['2026Q4']],
    ['2026年', 'year', '2026', '2026-01-01', '2027-01-01', 12, ['2026Q1', '2026Q2', '2026Q3', '2026Q4']],
    ['2026-7', 'month', '2026-07', '2026-07-01', '2026-08-01', 1, ['2026Q3']],
    ['2026年第3季度', 'quarter', '2026Q3', '2026-07-01', '2026-10-01', 3, ['2026Q3']],
    ['上季度', 'quarter', '2026Q3', '2026-07-01', '2026-10-01', 3, ['2026Q3']],
    ['本月', 'month', '2026-12', '2026-12-01', '2027-01-01', 1, ['2026Q4']],
    ['last month', 'month', '2026-11', '2026-11-01', '2026-12-01', 1, ['2026Q4']],
  ])('%j → %s %s [%s, %s)', (text, kind, label, from, to, months, quarters) => {
    const r = parseExportPeriod(text, '2026-12-05');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ kind, label, from, to, quarters });
    expect(r.value.months).toHaveLength(months);
    expect(r.value.years).toEqual([Number(label.slice(0, 4))]);
  });

  it.each(['26', '2026-13', '2026Q5', '1999', '2026年13月', 'next decade'])('refuses %j', (text) => {
    const r = parseExportPeriod(text, '2026-12-05');
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.key, r.error.params.value]).toEqual(['error-export-bad-period', text]);
  });
});
