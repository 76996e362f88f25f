import { describe, expect, it } from 'vitest';
import {
  packAppraisal,
  unpackAppraisal,
  type AppraisalCallback,
} from '../../src/bot/features/appraisal-data.js';

const ID = '0123456789abcdef01234567';

describe('appraisal callback data', () => {
  const cases: AppraisalCallback[] = [
    { kind: 'change', appraisalId: ID },
    { kind: 'set', appraisalId: ID, category: 'excellent' },
    { kind: 'set', appraisalId: ID, category: 'unqualified' },
    { kind: 'publish', branchId: ID, year: 2026 },
  ];
  it.each(cases)('packs $kind within 64 bytes and reads it back', (cb) => {
    const data = packAppraisal(cb);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(unpackAppraisal(data)).toEqual(cb);
  });

  it.each([
    `apc:${ID}:1`,
    `aps:${ID}`,
    `aps:${ID}:4`,
    `apt:${ID}`,
    `apt:${ID}:26`,
    `apc:${ID.toUpperCase()}`,
    'apc:1',
    `pa:${ID}`,
  ])('refuses %s (stale or forged)', (data) => {
    expect(unpackAppraisal(data)).toBeNull();
  });
});
