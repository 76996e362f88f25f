/**
 * The plate at the window (挂牌): its QR code is a deep link (`plateLink` in ./deep-links.ts) that
 * opens the masses' rating and feedback for one member, with no group needed.
 */
export interface PlateTarget {
  branchId: string;
  memberId: string;
}

/** A star line for the plate: filled and empty stars out of five. */
export function starLine(stars: number): string {
  const n = Math.max(0, Math.min(5, Math.round(stars)));
  return '★'.repeat(n) + '☆'.repeat(5 - n);
}
