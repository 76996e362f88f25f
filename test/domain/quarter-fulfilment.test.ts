import { describe, expect, it } from 'vitest';
import { quarterFulfilment, type FulfilmentItem } from '../../src/domain/quarter-fulfilment.js';

const Q3 = ['2026-07-01', '2026-10-01'] as const;
const item = (status: FulfilmentItem['status'], dueDate: string, doneOn?: string): FulfilmentItem => ({
  status,
  dueDate,
  ...(doneOn && { doneOn }),
});

describe('quarterFulfilment', () => {
  it.each<[string, FulfilmentItem[], string, [number, number, number]]>([
    ['nothing pledged', [], '2026-12-05', [0, 0, 0]],
    ['done in the quarter', [item('done', '2026-12-31', '2026-08-15')], '2026-12-05', [1, 0, 0]],
    ['done before the quarter', [item('done', '2026-12-31', '2026-06-30')], '2026-12-05', [0, 0, 0]],
    ['done after the quarter', [item('done', '2026-09-30', '2026-10-01')], '2026-12-05', [0, 0, 0]],
    ['due in the quarter, open: overdue', [item('approved', '2026-09-30')], '2026-12-05', [0, 1, 0]],
    [
      'due before the quarter, open: still overdue',
      [item('approved', '2026-05-01')],
      '2026-12-05',
      [0, 1, 0],
    ],
    ['claimed but not confirmed counts as open', [item('claimed', '2026-08-01')], '2026-12-05', [0, 1, 0]],
    ['due after the quarter: in progress', [item('approved', '2026-10-01')], '2026-12-05', [0, 0, 1]],
    [
      'quarter under way: due later this quarter is in progress',
      [item('approved', '2026-09-01')],
      '2026-08-10',
      [0, 0, 1],
    ],
    [
      'quarter under way: due yesterday is overdue',
      [item('approved', '2026-08-09')],
      '2026-08-10',
      [0, 1, 0],
    ],
    [
      'quarter under way: due today is not overdue yet',
      [item('approved', '2026-08-10')],
      '2026-08-10',
      [0, 0, 1],
    ],
    [
      'pending, returned and drafts do not count',
      [item('pending', '2026-08-01'), item('returned', '2026-08-01'), item('draft', '2026-08-01')],
      '2026-12-05',
      [0, 0, 0],
    ],
    [
      'a mix',
      [
        item('done', '2026-09-01', '2026-09-02'),
        item('approved', '2026-07-15'),
        item('approved', '2027-01-31'),
      ],
      '2026-12-05',
      [1, 1, 1],
    ],
  ])('%s', (_, items, today, [done, overdue, inProgress]) => {
    expect(quarterFulfilment(items, Q3[0], Q3[1], today)).toEqual({ done, overdue, inProgress });
  });
});
