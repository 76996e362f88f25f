import { describe, expect, it } from 'vitest';
import { suggestAppraisal, type AppraisalInput } from '../../src/domain/appraisal.js';

const months = (totals: number[], pass = 80) => totals.map((total) => ({ total, passed: total >= pass }));
const year = (total: number, n = 12) => months(Array(n).fill(total));
const member = (
  memberId: string,
  m: AppraisalInput['months'],
  extra: Partial<AppraisalInput> = {},
): AppraisalInput => ({
  memberId,
  probationary: false,
  months: m,
  overdueItems: 0,
  ...extra,
});

describe('suggestAppraisal (appraisal/2026.1): one member on their own', () => {
  // Two others with plain years, so a single 优秀 stays under the one-third cap.
  const others = [member('y', year(85)), member('z', year(85))];
  it.each<[string, AppraisalInput, string | null, string]>([
    ['every month passed, average 92: 优秀', member('x', year(92)), 'excellent', 'excellent'],
    [
      'every month passed, average 89.99: 合格',
      member('x', months([...Array(11).fill(90), 89.88])),
      'qualified',
      'qualified',
    ],
    [
      '9 months rated, all 95: 合格 (too few months for 优秀)',
      member('x', year(95, 9)),
      'qualified',
      'qualified',
    ],
    ['one fail: 合格', member('x', months([...Array(11).fill(95), 70])), 'qualified', 'qualified'],
    ['3 fails: 基本合格', member('x', months([...Array(9).fill(90), 70, 70, 70])), 'basic', 'fails-basic'],
    ['2 overdue items: 基本合格', member('x', year(95), { overdueItems: 2 }), 'basic', 'overdue-basic'],
    [
      '6 fails: 不合格',
      member('x', months([...Array(6).fill(90), ...Array(6).fill(60)])),
      'unqualified',
      'fails-unqualified',
    ],
    [
      '6 fails and overdue items: 不合格 first',
      member('x', year(60, 6), { overdueItems: 3 }),
      'unqualified',
      'fails-unqualified',
    ],
    ['no month rated: 合格', member('x', []), 'qualified', 'qualified'],
    ['probationary: no category', member('x', year(99), { probationary: true }), null, 'probationary'],
  ])('%s', (_, input, category, reason) => {
    const s = suggestAppraisal([input, ...others]).find((r) => r.memberId === 'x')!;
    expect([s.category, s.reason]).toEqual([category, reason]);
  });

  it('reports what it read: months rated, fails and the average', () => {
    const [s] = suggestAppraisal([member('x', months([90, 70, 80]))]);
    expect([s!.rated, s!.fails, s!.average]).toEqual([3, 1, 80]);
  });
});

describe('suggestAppraisal: 优秀 at most a third of the full members', () => {
  it.each<[string, AppraisalInput[], string[]]>([
    [
      '3 members, 2 would be excellent: 1 kept (the higher average)',
      [member('a', year(93)), member('b', year(96)), member('c', year(85))],
      ['b'],
    ],
    [
      '6 members, 4 would be excellent: 2 kept',
      [
        member('a', year(91)),
        member('b', year(97)),
        member('c', year(94)),
        member('d', year(92)),
        member('e', year(85)),
        member('f', year(85)),
      ],
      ['b', 'c'],
    ],
    ['2 members: a third rounds down to none', [member('a', year(99)), member('b', year(99))], []],
    [
      'equal averages: the lower member id kept, whatever the input order',
      [member('b', year(95)), member('a', year(95)), member('c', year(80))],
      ['a'],
    ],
    [
      'probationary members do not count towards the third',
      [
        member('a', year(95)),
        member('p1', year(99), { probationary: true }),
        member('p2', year(99), { probationary: true }),
        member('p3', year(99), { probationary: true }),
      ],
      [],
    ],
  ])('%s', (_, inputs, excellent) => {
    const out = suggestAppraisal(inputs);
    expect(
      out
        .filter((s) => s.category === 'excellent')
        .map((s) => s.memberId)
        .sort(),
    ).toEqual(excellent);
    for (const s of out.filter((x) => x.reason === 'excellent-capped')) expect(s.category).toBe('qualified');
  });
});
