import type { Types } from 'mongoose';

/** Runs `fn` over `items` in slices of `size`, one after another (bulk inserts of a bench's seed). */
export async function inBatches<T>(items: T[], size: number, fn: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) await fn(items.slice(i, i + size));
}

/** An active, confirmed full member of a seeded branch (user 10,000 + k), for bulk insertion. */
export function benchMember(
  branchId: Types.ObjectId,
  k: number,
  joined: Date,
  extra: Record<string, unknown> = {},
) {
  return {
    branchId,
    userId: 10_000 + k,
    realName: `党员${k}`,
    post: '岗位',
    unit: '窗口',
    membership: 'full',
    isLeading: false,
    isElderly: false,
    motto: '我的岗位我示范',
    status: 'active',
    submittedAt: joined,
    confirmedAt: joined,
    ...extra,
  };
}
