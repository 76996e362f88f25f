import type { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import type { BranchDoc } from '../db/models/branch.js';
import type { RatingRoundRecord } from '../db/models/rating-round.js';
import { settingsOf } from './branch-settings.js';
import type { BranchSettings } from '../domain/settings.js';
import { ServiceError } from './errors.js';
import { roundState, type RoundState } from '../domain/round-state.js';

export type RatingDeps = { models: Models; clock: () => Date };

/** The branch and its resolved settings, or `error-branch-not-bound`. */
export async function branchWithSettings(models: Models, branchId: Types.ObjectId | string) {
  return withSettings(await models.Branch.findById(branchId).lean<BranchDoc>());
}

/** A branch read by the caller with its resolved settings, or `error-branch-not-bound`. */
export function withSettings(branch: BranchDoc | null | undefined) {
  if (!branch) throw new ServiceError('error-branch-not-bound');
  return { branch, settings: cachedSettingsOf(branch) };
}

/**
 * Resolving settings runs the schema (a large part of a close's own CPU when thousands of
 * branches close at once); most branches store the same few settings, so the resolved value is
 * kept per stored JSON and each caller gets its own copy.
 */
const resolved = new Map<string, BranchSettings>();
function cachedSettingsOf(branch: Pick<BranchDoc, 'settings'>): BranchSettings {
  const key = JSON.stringify(branch.settings ?? null);
  let settings = resolved.get(key);
  if (!settings) {
    settings = settingsOf(branch);
    if (resolved.size >= 256) resolved.clear();
    resolved.set(key, settings);
  }
  return structuredClone(settings);
}

/** The round of the month in the given status, or the matching refusal. */
export async function roundIn(
  models: Models,
  branchId: Types.ObjectId,
  month: string,
  status: RatingRoundRecord['status'],
): Promise<RatingRoundRecord> {
  const round = await models.RatingRound.findOne({ branchId, month }).lean<RatingRoundRecord>();
  if (!round) throw new ServiceError('error-round-not-found', { month });
  if (round.status !== status)
    throw new ServiceError(status === 'open' ? 'error-round-not-open' : 'error-round-not-provisional', {
      month,
    });
  return round;
}

/** The open round of a branch, if any (at most one is open at a time in practice). */
export async function openRoundOf(
  models: Models,
  branchId: Types.ObjectId,
): Promise<RatingRoundRecord | null> {
  return models.RatingRound.findOne({ branchId, status: 'open' })
    .sort({ month: -1 })
    .lean<RatingRoundRecord>();
}

/** True for MongoDB's duplicate-key error. */
export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: number }).code === 11000;
}

/** The branch's latest round (by month) and the state it puts the branch in at `now`. */
export async function branchRoundState(
  models: Models,
  branchId: Types.ObjectId,
  now: Date,
  s: BranchSettings,
): Promise<RoundState> {
  const latest = await models.RatingRound.findOne({ branchId }).sort({ month: -1 }).lean<RatingRoundRecord>();
  return roundState(latest, now, s);
}

/** The active branch a person is an active member of (the latest joined), if any. */
export async function activeMemberBranch(models: Models, userId: number): Promise<BranchDoc | null> {
  const member = await models.Member.findOne({ userId, status: 'active' })
    .sort({ _id: -1 })
    .lean<{ branchId: unknown }>();
  return member ? models.Branch.findOne({ _id: member.branchId, active: true }).lean<BranchDoc>() : null;
}
