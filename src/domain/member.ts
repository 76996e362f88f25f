import { fail, ok, type Result } from './errors.js';
import { validateText } from './text.js';

/** Party membership: full 正式党员 or probationary 预备党员. */
export type Membership = 'full' | 'probationary';

/** The public member card (亮身份): what the roster board (公示榜) shows. */
export interface MemberCard {
  readonly realName: string;
  /** 岗位 */
  readonly post: string;
  /** 窗口: unit or service window */
  readonly unit: string;
  readonly membership: Membership;
  /** 担任领导职务: leading members owe more pledge items */
  readonly isLeading: boolean;
  /** 年老体弱、离退休: may give an oral pledge */
  readonly isElderly: boolean;
  /** 格言式承诺: a one-line motto-style pledge */
  readonly motto: string;
}

export type MemberCardField = keyof MemberCard;
export type MemberCardInput = { readonly [K in MemberCardField]: string };

/** Registration status: pending-confirmation (awaits the secretary) → active → left. */
export type MemberStatus = 'pending-confirmation' | 'active' | 'left';
export type MemberEvent = 'confirm' | 'reject' | 'leave' | 'rejoin';

const MEMBERSHIP_WORDS: Readonly<Record<string, Membership>> = {
  full: 'full',
  'full member': 'full',
  正式: 'full',
  正式党员: 'full',
  probationary: 'probationary',
  'probationary member': 'probationary',
  预备: 'probationary',
  预备党员: 'probationary',
};
const YES = new Set(['yes', 'y', 'true', '是', '是的', '对']);
const NO = new Set(['no', 'n', 'false', '否', '不是', '不']);

function parseYesNo(text: string): Result<boolean> {
  const word = text.trim().toLowerCase();
  if (YES.has(word)) return ok(true);
  if (NO.has(word)) return ok(false);
  return fail('error-member-bad-yes-no', { value: text.trim() });
}

/** Validates and normalises one card field as typed in one dialog step. */
export function validateField<F extends MemberCardField>(field: F, text: string): Result<MemberCard[F]>;
export function validateField(field: MemberCardField, text: string): Result<MemberCard[MemberCardField]> {
  switch (field) {
    case 'realName':
      return validateText('real-name', text);
    case 'post':
      return validateText('post', text);
    case 'unit':
      return validateText('unit', text);
    case 'motto':
      return validateText('motto', text);
    case 'membership': {
      const membership = MEMBERSHIP_WORDS[text.trim().toLowerCase()];
      return membership ? ok(membership) : fail('error-member-bad-membership', { value: text.trim() });
    }
    case 'isLeading':
    case 'isElderly':
      return parseYesNo(text);
  }
}

const FIELD_ORDER: readonly MemberCardField[] = [
  'realName',
  'post',
  'unit',
  'membership',
  'isLeading',
  'isElderly',
  'motto',
];

/** Validates a whole card; the first failing field (in dialog order) is reported. */
export function validateMemberCard(input: MemberCardInput): Result<MemberCard> {
  const card: Record<string, unknown> = {};
  for (const field of FIELD_ORDER) {
    const result = validateField(field, input[field]);
    if (!result.ok) return result;
    card[field] = result.value;
  }
  return ok(card as unknown as MemberCard);
}

const MEMBER_TRANSITIONS: Readonly<Record<MemberStatus, Partial<Record<MemberEvent, MemberStatus>>>> = {
  'pending-confirmation': { confirm: 'active', reject: 'left' },
  active: { leave: 'left' },
  left: { rejoin: 'pending-confirmation' },
};

/** Member status transition; a left member re-registers and waits for confirmation again. */
export function transitionMember(status: MemberStatus, event: MemberEvent): Result<MemberStatus> {
  const next = MEMBER_TRANSITIONS[status][event];
  return next ? ok(next) : fail('error-member-transition', { from: status, event });
}
