import { fail, ok, type Result } from './errors.js';
import { toHalfWidth } from './text.js';

/**
 * The committee level (党委 / 党总支): who may do what in a committee, which units may join which,
 * and the one-time invite codes. Pure: ids, kinds and random bytes are passed in.
 */

/** Unambiguous letters and digits (no 0/O, 1/I/L): the code is read aloud and typed. */
export const INVITE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITE_LENGTH = 8;
/** How long an invite code stays valid. */
export const INVITE_VALID_DAYS = 7;

/** An invite code from random bytes (one byte per character). */
export function inviteCode(bytes: Uint8Array): string {
  if (bytes.length < INVITE_LENGTH) throw new Error('inviteCode needs 8 random bytes');
  return Array.from(bytes.slice(0, INVITE_LENGTH), (b) => INVITE_ALPHABET[b % INVITE_ALPHABET.length]).join(
    '',
  );
}

/** A typed code: case, spaces, dashes and full-width characters do not matter. */
export function parseInviteCode(text: string): Result<string> {
  const code = toHalfWidth(text).toUpperCase().replace(/[\s-]/g, '');
  const valid = code.length === INVITE_LENGTH && [...code].every((c) => INVITE_ALPHABET.includes(c));
  return valid ? ok(code) : fail('error-committee-bad-code', { value: text.trim().slice(0, 20) });
}

export type UnitKind = 'committee' | 'general' | 'branch';

/**
 * The tree is committee (党委) → general branch (党总支) → branch (支部); a branch may also sit
 * directly under a committee. Nothing joins a branch, and a committee joins nothing.
 */
export function mayJoin(child: UnitKind, parent: UnitKind): boolean {
  if (child === 'branch') return parent === 'committee' || parent === 'general';
  if (child === 'general') return parent === 'committee';
  return false;
}

// The committee level's who-may-do-what is part of the one policy (src/domain/roles.ts).
export { COMMITTEE_ACTIONS, committeeCan, type CommitteeAction, type CommitteeRole } from './roles.js';

/** The kind typed in `/bindcommittee`: 党委 / committee, or 党总支 / general branch. */
export function parseCommitteeKind(text: string): Result<'committee' | 'general'> {
  const t = toHalfWidth(text).trim().toLowerCase();
  if (['党委', '机关党委', 'committee'].includes(t)) return ok('committee');
  if (['党总支', '总支', 'general', 'general branch'].includes(t)) return ok('general');
  return fail('error-committee-bad-kind', { value: text.trim().slice(0, 20) });
}
