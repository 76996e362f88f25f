/**
 * Roles in a branch chat: member 党员, secretary 书记, committee 支委 (branch committee member),
 * masses 群众 (anyone in the group who is not a registered member).
 */
export type Role = 'member' | 'secretary' | 'committee' | 'masses';

export const ACTIONS = [
  'bind',
  'appoint',
  'unappoint',
  'linkCommittee',
  'editSettings',
  'pauseBranchReminders',
  'openRound',
  'closeRound',
  'finalizeRound',
  'viewProgress',
  'resolveObjection',
  'writeCommentary',
  'appraise',
  'runTopTen',
  'exportArchive',
  'viewPending',
  'confirmRegistration',
  'approveStandard',
  'reviewPledge',
  'recordOralPledge',
  'reviewDeed',
  'handleFeedback',
  'scoreMember',
  'viewResult',
  'printPlate',
  'claimPledgeDone',
  'editDeed',
  'joinAsMember',
  'reportDeed',
  'proposeStandard',
  'submitPledge',
  'selfEvaluate',
  'rateMember',
  'leaveFeedback',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * Who is acting, in one branch. `role` is the role the branch lists (secretary, committee) or the
 * person's card (member) or neither (masses); `isChatAdmin` is read from the branch's group at the
 * moment of the action. Built once per update by the bot (`ctx.actorIn(branch)`).
 */
export interface Actor {
  readonly userId: number;
  readonly role: Role;
  readonly isChatAdmin: boolean;
  /** The branch the role is in; a record of another branch is refused. */
  readonly branchId?: string;
}

/** The record an action is about, when there is one (the rated member, the deed's author...). */
export interface ActionRecord {
  /** The user the record belongs to or is about. */
  readonly ownerId: number;
  /** The owner is the branch's secretary (their objection and organisation score go to a 支委). */
  readonly ownerIsSecretary?: boolean;
  readonly branchId?: string;
}

const SECRETARY_ONLY: ReadonlySet<Action> = new Set([
  'appoint',
  'unappoint',
  'linkCommittee',
  'editSettings',
  'pauseBranchReminders',
  'openRound',
  'closeRound',
  'finalizeRound',
  'viewProgress',
  'writeCommentary',
  'appraise',
  'runTopTen',
]);

/** Review rights shared by the secretary and committee members (支委). */
const REVIEW: ReadonlySet<Action> = new Set([
  'viewPending',
  'confirmRegistration',
  'approveStandard',
  'reviewPledge',
  'recordOralPledge',
  'reviewDeed',
  'handleFeedback',
  'scoreMember',
  'exportArchive',
]);

/** Anyone may do these about themselves; about someone else only a reviewer may. */
const OWN_OR_REVIEWER: ReadonlySet<Action> = new Set(['viewResult', 'printPlate']);

/** Only the record's owner may do these. */
const OWNER_ONLY: ReadonlySet<Action> = new Set(['claimPledgeDone', 'editDeed']);

const MEMBER_DUTIES: ReadonlySet<Action> = new Set([
  'reportDeed',
  'proposeStandard',
  'submitPledge',
  'selfEvaluate',
]);

/**
 * Actions about a record that nobody may take on their own record: nobody reviews, confirms,
 * scores, rates, answers or comments on themselves, records an oral pledge for themselves or
 * leaves feedback about themselves.
 */
const NOT_ON_OWN: ReadonlySet<Action> = new Set([
  ...REVIEW,
  'resolveObjection',
  'writeCommentary',
  'appraise',
  'rateMember',
  'leaveFeedback',
]);

/**
 * The role an actor really holds now: a secretary or committee member who is no longer an admin
 * of the branch's group keeps only the rights of a member (they are Party members too).
 */
export function effectiveRole(actor: Actor): Role {
  return (actor.role === 'secretary' || actor.role === 'committee') && !actor.isChatAdmin
    ? 'member'
    : actor.role;
}

const isReviewerRole = (role: Role) => role === 'secretary' || role === 'committee';

/**
 * The permission policy: every rule of who may do what in a branch.
 * - `bind` needs only chat-admin status (the binder becomes secretary).
 * - Secretary only: appointments, joining a committee (党委/党总支), settings, pausing reminders,
 *   rounds (opening, closing, publishing the final results early, the progress overview), leader commentary, the annual appraisal (not of themselves), the top-ten vote.
 * - Secretary and committee (支委): the review queue, confirming registrations, standards,
 *   pledges, oral pledges, deeds, feedback, the organisation score, exports.
 * - Objections: the secretary answers them, except the secretary's own objection, which a
 *   committee member answers (the secretary's organisation score likewise comes from a 支委).
 * - Anyone sees their own result and prints their own plate; reviewers those of others.
 * - Only the owner claims a pledge item done or edits a deed.
 * - Members (secretary and committee included): report deeds, propose a standard, pledge, rate themselves.
 * - Anyone in the group rates members and leaves feedback; only the masses join as members.
 * - Nobody acts on their own record (see NOT_ON_OWN), and nothing of one branch is done with a
 *   role in another.
 * - A secretary or committee member who is no longer a chat admin has member rights only.
 */
export function can(actor: Actor, action: Action, record?: ActionRecord): boolean {
  return denial(actor, action, record) === null;
}

/** The i18n key of the refusal `can` implies, or null when the action is allowed. */
export function denial(actor: Actor, action: Action, record?: ActionRecord): DenialKey | null {
  if (record?.branchId && actor.branchId && record.branchId !== actor.branchId)
    return 'error-action-unavailable';
  const own = record !== undefined && record.ownerId === actor.userId;
  // The role first ("only reviewers..."), then the record ("...and not on your own").
  const byRole = roleDenial(effectiveRole(actor), actor, action, own, record);
  if (byRole) return byRole;
  return own && NOT_ON_OWN.has(action) ? ownDenial(action) : null;
}

function roleDenial(
  role: Role,
  actor: Actor,
  action: Action,
  own: boolean,
  record: ActionRecord | undefined,
): DenialKey | null {
  if (action === 'bind') return actor.isChatAdmin ? null : 'error-not-chat-admin';
  if (action === 'resolveObjection' && record?.ownerIsSecretary && !own)
    return role === 'committee' ? null : 'error-reviewer-only';
  if (SECRETARY_ONLY.has(action) || action === 'resolveObjection')
    return role === 'secretary' ? null : 'error-secretary-only';
  if (REVIEW.has(action)) {
    if (isReviewerRole(role)) return null;
    return action === 'exportArchive' ? 'error-export-not-allowed' : 'error-reviewer-only';
  }
  if (OWN_OR_REVIEWER.has(action)) return own || isReviewerRole(role) ? null : 'error-reviewer-only';
  if (OWNER_ONLY.has(action)) return own ? null : 'error-not-owner';
  if (MEMBER_DUTIES.has(action)) return role === 'masses' ? 'error-not-member' : null;
  if (action === 'joinAsMember') return role === 'masses' ? null : 'error-already-member';
  return null; // rateMember, leaveFeedback: anyone in the group
}

function ownDenial(action: Action): DenialKey {
  if (action === 'rateMember') return 'error-ballot-self';
  if (action === 'leaveFeedback') return 'error-feedback-self';
  return 'error-review-own';
}

/** A person's standing in a committee (党委 / 党总支): its secretary (书记), a member (委员), or neither. */
export type CommitteeRole = 'secretary' | 'member' | 'none';

export const COMMITTEE_ACTIONS = ['view', 'comment', 'invite', 'appoint', 'settings'] as const;
export type CommitteeAction = (typeof COMMITTEE_ACTIONS)[number];

/**
 * Who acts at the committee level, in one committee: the role its records give them, re-read
 * against its group's admins by the bot; `committeeId` is the committee they act in.
 */
export interface CommitteeScope {
  readonly role: CommitteeRole;
  readonly committeeId?: string;
}

/** A branch a committee action is about: the committees whose tree it sits in (its parent, and above). */
export interface TreeRecord {
  readonly inTreeOf: readonly string[];
}

const COMMITTEE_SECRETARY_ONLY: ReadonlySet<CommitteeAction> = new Set(['invite', 'appoint', 'settings']);

/**
 * The committee level of the policy:
 * - the committee's secretary does everything; its members (委员) see their tree and write
 *   commentary; nobody else does anything there. A branch secretary holds no committee role:
 *   running a branch gives no right over the committee, nor over sibling branches;
 * - a committee acts on the branches of its own tree only (a committee of another tree is refused).
 */
export function committeeDenial(
  actor: CommitteeScope,
  action: CommitteeAction,
  record?: TreeRecord,
): DenialKey | null {
  if (actor.role === 'none') return 'error-committee-role-only';
  if (actor.role !== 'secretary' && COMMITTEE_SECRETARY_ONLY.has(action))
    return 'error-committee-secretary-only';
  if (record && actor.committeeId !== undefined && !record.inTreeOf.includes(actor.committeeId))
    return 'error-committee-branch-not-in-tree';
  return null;
}

/** Whether the committee role allows the action (no record). */
export function committeeCan(role: CommitteeRole, action: CommitteeAction): boolean {
  return committeeDenial({ role }, action) === null;
}

/** Every refusal the policy gives (each is a ServiceError key with a sentence in every locale). */
export const DENIAL_KEYS = [
  'error-action-unavailable',
  'error-not-chat-admin',
  'error-secretary-only',
  'error-reviewer-only',
  'error-export-not-allowed',
  'error-not-owner',
  'error-not-member',
  'error-already-member',
  'error-review-own',
  'error-ballot-self',
  'error-feedback-self',
  'error-committee-role-only',
  'error-committee-secretary-only',
  'error-committee-branch-not-in-tree',
] as const;
export type DenialKey = (typeof DENIAL_KEYS)[number];
