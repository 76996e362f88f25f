/**
 * Deep links (`https://t.me/<bot>?start=<kind>_<args>`): every payload kind is defined here once,
 * with `pack` (args → start parameter), `link` (the URL) and `unpack` (start parameter → args, or
 * undefined for anything `pack` would not make: stale, cut or forged). The bot builds its buttons
 * and routes `/start` with these; services (the round's ballot button) use the same definitions.
 * Telegram takes a start parameter of 1–64 characters of A-Z, a-z, 0-9, `_` and `-`
 * (test/domain/deep-links.test.ts packs the longest args of every kind against that rule).
 */
export const START_PARAM = /^[A-Za-z0-9_-]{1,64}$/;

const OID = '[0-9a-f]{24}';

/** A record id as stored (an ObjectId) or as its 24 hex digits. */
export type Id = string | { toString(): string };

export interface DeepLink<Args, In = Args> {
  readonly kind: string;
  /**
   * Opening it writes nothing about the person, not even that they started the bot, so no stored
   * change lines up with the anonymous act that follows (意见簿, 群众测评; README, "Anonymity").
   */
  readonly anonymous: boolean;
  /** The start parameter; throws on args no `unpack` would read back (not an id, too long). */
  pack(args: In): string;
  link(botUsername: string, args: In): string;
  unpack(param: string): Args | undefined;
}

/** The kind a start parameter names (the part before the first `_`), whatever its args. */
export const kindOf = (param: string) => param.split('_', 1)[0] ?? '';

function deepLink<Args, In>(
  kind: string,
  spec: { pattern: string; write: (args: In) => string; read: (fields: (string | undefined)[]) => Args },
  opts: { anonymous?: boolean } = {},
): DeepLink<Args, In> {
  const whole = new RegExp(`^${kind}_${spec.pattern}$`);
  const unpack = (param: string) => {
    const m = whole.exec(param);
    return m ? spec.read(m.slice(1)) : undefined;
  };
  const pack = (args: In) => {
    const param = `${kind}_${spec.write(args)}`;
    if (!START_PARAM.test(param) || unpack(param) === undefined)
      throw new Error(`not a '${kind}' deep link: ${param}`);
    return param;
  };
  return {
    kind,
    anonymous: opts.anonymous ?? false,
    pack,
    link: (botUsername, args) => `https://t.me/${botUsername}?start=${pack(args)}`,
    unpack,
  };
}

/** `<kind>_<id>`: one stored record (a branch, a deed, a standard, a vote). */
const idLink = (kind: string, opts?: { anonymous?: boolean }) =>
  deepLink<string, Id>(
    kind,
    { pattern: `(${OID})`, write: (id) => id.toString(), read: ([id]) => id! },
    opts,
  );

export interface MemberOfBranch {
  branchId: string;
  memberId: string;
}
/** `<kind>_<branchId>-<memberId>`: one member of a branch. */
const memberLink = (kind: string) =>
  deepLink<MemberOfBranch, { branchId: Id; memberId: Id }>(kind, {
    pattern: `(${OID})-(${OID})`,
    write: (a) => `${a.branchId.toString()}-${a.memberId.toString()}`,
    read: ([branchId, memberId]) => ({ branchId: branchId!, memberId: memberId! }),
  });

/** 公开承诺: a member writes their pledge in private (`pl_<branch>`). */
export const pledgeLink = idLink('pl');
/** 口头承诺: the secretary records an elderly member's oral pledge (`po_<branch>-<member>`). */
export const oralPledgeLink = memberLink('po');
/** 一件事一记录: the deed dialog in private (`dd_<branch>`). */
export const deedLink = idLink('dd');
/** A pending deed's edit, from its post in the group (`de_<deed>`). */
export const deedEditLink = idLink('de');
/** /pending's group summary: the branch's queue, item by item, in private (`pv_<branch>`). */
export const pendingLink = idLink('pv');

/** 意见簿: feedback about the branch, or about one member (`fb_<branch>[-<member>]`); anonymous. */
export const feedbackLink = deepLink<
  { branchId: string; memberId?: string },
  { branchId: Id; memberId?: Id }
>(
  'fb',
  {
    pattern: `(${OID})(?:-(${OID}))?`,
    write: (a) =>
      a.memberId === undefined ? a.branchId.toString() : `${a.branchId.toString()}-${a.memberId.toString()}`,
    read: ([branchId, memberId]) => ({ branchId: branchId!, ...(memberId !== undefined && { memberId }) }),
  },
  { anonymous: true },
);

/** 亮身份: the member card dialog in private (`join_<branch>`). */
export const joinLink = idLink('join');
/** 定标: a member writes their post standard (`std_<branch>`). */
export const standardLink = idLink('std');
/** Comments on a standard under comment, by anyone in the group (`sc_<standard>`). */
export const standardCommentLink = idLink('sc');

/** 群众测评: the masses' ballot of the branch's open round (`rate_<branch>`); anonymous. */
export const ballotLink = idLink('rate', { anonymous: true });
/** 十佳: the ballot of one top-ten vote (`tt_<vote>`). */
export const topTenLink = idLink('tt');
/** 年度民主评议: the appraisal table of a branch and year, in private (`apr_<branch>-<year>`). */
export const appraisalLink = deepLink<{ branchId: string; year: number }, { branchId: Id; year: number }>(
  'apr',
  {
    pattern: `(${OID})-(\\d{4})`,
    write: (a) => `${a.branchId.toString()}-${a.year}`,
    read: ([branchId, year]) => ({ branchId: branchId!, year: Number(year) }),
  },
);
/** 挂牌: the plate's QR code, feedback and a ballot for one member, for anyone (`mp_<branch>-<member>`). */
export const plateLink = memberLink('mp');

/** Every kind, for the tests (one rule, no two alike). */
export const DEEP_LINKS: readonly DeepLink<unknown, never>[] = [
  pledgeLink,
  oralPledgeLink,
  deedLink,
  deedEditLink,
  pendingLink,
  feedbackLink,
  joinLink,
  standardLink,
  standardCommentLink,
  ballotLink,
  topTenLink,
  appraisalLink,
  plateLink,
];
