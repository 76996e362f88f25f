import { APPRAISAL_CATEGORIES, type AppraisalCategory } from '../../domain/appraisal.js';

/**
 * Callback data of the appraisal feature, packed and read in this one place (its deep link is in
 * src/domain/deep-links.ts). Telegram allows 1–64 bytes of callback data
 * (test/bot/appraisal-data.test.ts checks the longest).
 */
export type AppraisalCallback =
  | { kind: 'change'; appraisalId: string }
  | { kind: 'set'; appraisalId: string; category: AppraisalCategory }
  | { kind: 'publish'; branchId: string; year: number };

const OID = '[0-9a-f]{24}';
const PATTERN = new RegExp(`^ap([cst]):(${OID})(?::(\\d{1,4}))?$`);

export function packAppraisal(cb: AppraisalCallback): string {
  switch (cb.kind) {
    case 'change':
      return `apc:${cb.appraisalId}`;
    case 'set':
      return `aps:${cb.appraisalId}:${APPRAISAL_CATEGORIES.indexOf(cb.category)}`;
    case 'publish':
      return `apt:${cb.branchId}:${cb.year}`;
  }
}

/** The callback, or null for anything not packed by `packAppraisal` (stale or forged). */
export function unpackAppraisal(data: string): AppraisalCallback | null {
  const m = PATTERN.exec(data);
  if (!m) return null;
  const [, kind, id, n] = m as unknown as [string, 'c' | 's' | 't', string, string | undefined];
  if (kind === 'c' && n === undefined) return { kind: 'change', appraisalId: id };
  if (kind === 's' && n !== undefined) {
    const category = APPRAISAL_CATEGORIES[Number(n)];
    return category ? { kind: 'set', appraisalId: id, category } : null;
  }
  if (kind === 't' && n !== undefined && n.length === 4)
    return { kind: 'publish', branchId: id, year: Number(n) };
  return null;
}

/** Matches every callback of the feature (grammY's callbackQuery filter). */
export const APPRAISAL_CALLBACK = /^ap[cst]:/;
