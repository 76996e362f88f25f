/**
 * The plate at the window (挂牌): its QR code is a deep link that opens the masses' rating and
 * feedback for one member, with no group needed. Payload `mp_<branchId>-<memberId>` (52 bytes;
 * Telegram allows 64 in a start parameter).
 */
const OID = /^[0-9a-f]{24}$/;

export interface PlateTarget {
  branchId: string;
  memberId: string;
}

export const PLATE_LINK_PREFIX = 'mp';

/** The start parameter of a member's plate link. */
export function packPlatePayload(t: PlateTarget): string {
  if (!OID.test(t.branchId) || !OID.test(t.memberId)) throw new Error('plate payload needs two object ids');
  return `${PLATE_LINK_PREFIX}_${t.branchId}-${t.memberId}`;
}

/** The part after `mp_` back to its ids, or null when it is not a plate link. */
export function unpackPlateArg(arg: string): PlateTarget | null {
  const [branchId = '', memberId = '', ...rest] = arg.split('-');
  return rest.length === 0 && OID.test(branchId) && OID.test(memberId) ? { branchId, memberId } : null;
}

/** The callback data of the two buttons the link shows: feedback (`pf`) and the ballot (`pb`). */
export function packPlateButton(kind: 'pf' | 'pb', t: PlateTarget): string {
  return `${kind}:${t.branchId}-${t.memberId}`;
}
export const PLATE_BUTTON = /^(pf|pb):([0-9a-f]{24})-([0-9a-f]{24})$/;

/** A star line for the plate: filled and empty stars out of five. */
export function starLine(stars: number): string {
  const n = Math.max(0, Math.min(5, Math.round(stars)));
  return '★'.repeat(n) + '☆'.repeat(5 - n);
}
