/**
 * Roles in a branch chat: member 党员, secretary 书记, committee 支委 (branch committee member),
 * masses 群众 (anyone in the group who is not a registered member).
 */
export type Role = 'member' | 'secretary' | 'committee' | 'masses';

export const ACTIONS = [
  'bind',
  'appoint',
  'unappoint',
  'editSettings',
  'pauseBranchReminders',
  'openRound',
  'closeRound',
  'resolveObjection',
  'writeCommentary',
  'exportArchive',
  'approveStandard',
  'reviewPledge',
  'recordOralPledge',
  'reviewDeed',
  'handleFeedback',
  'scoreMember',
  'joinAsMember',
  'reportDeed',
  'proposeStandard',
  'submitPledge',
  'selfEvaluate',
  'rateMember',
  'leaveFeedback',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Who is acting. `isChatAdmin` is read from Telegram at the moment of the action. */
export interface Actor {
  readonly userId: number;
  readonly role: Role;
  readonly isChatAdmin: boolean;
}

/** The member an action is about, when there is one (the rated member, the deed's author...). */
export interface ActionTarget {
  readonly memberUserId: number;
}

const SECRETARY_ONLY: ReadonlySet<Action> = new Set([
  'appoint',
  'unappoint',
  'editSettings',
  'pauseBranchReminders',
  'openRound',
  'closeRound',
  'resolveObjection',
  'writeCommentary',
]);

/** Review rights shared by the secretary and committee members (支委). */
const REVIEW: ReadonlySet<Action> = new Set([
  'approveStandard',
  'reviewPledge',
  'recordOralPledge',
  'reviewDeed',
  'handleFeedback',
  'scoreMember',
]);

const MEMBER_DUTIES: ReadonlySet<Action> = new Set([
  'reportDeed',
  'proposeStandard',
  'submitPledge',
  'selfEvaluate',
]);

/** Actions about another member that nobody may take about themselves. */
const NOT_ON_SELF: ReadonlySet<Action> = new Set([
  ...REVIEW,
  'rateMember',
  'leaveFeedback',
  'resolveObjection',
]);

/**
 * The role an actor really holds now: a secretary who is no longer a chat admin keeps only
 * the rights of a member (secretaries are Party members too).
 */
export function effectiveRole(actor: Actor): Role {
  return actor.role === 'secretary' && !actor.isChatAdmin ? 'member' : actor.role;
}

/**
 * Permission policy. `bind` needs only chat-admin status (the binder becomes secretary).
 * Secretary-only: appoint/unappoint, settings, rounds, objections, commentary.
 * Secretary and committee: reviews, scoring and exporting the archives (issue 11). Members, committee and secretary: own duties.
 * Anyone in the group may rate members and leave feedback; only the masses may join as member.
 * Nobody reviews, scores, rates or leaves feedback about themselves.
 */
export function can(actor: Actor, action: Action, target?: ActionTarget): boolean {
  if (target && NOT_ON_SELF.has(action) && target.memberUserId === actor.userId) return false;
  const role = effectiveRole(actor);
  if (action === 'bind') return actor.isChatAdmin;
  if (SECRETARY_ONLY.has(action)) return role === 'secretary';
  if (REVIEW.has(action) || action === 'exportArchive') return role === 'secretary' || role === 'committee';
  if (MEMBER_DUTIES.has(action)) return role !== 'masses';
  if (action === 'joinAsMember') return role === 'masses';
  return action === 'rateMember' || action === 'leaveFeedback';
}
