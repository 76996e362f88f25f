import type { Types } from 'mongoose';
import type { Models } from '../../db/models/index.js';
import type { BranchDoc } from '../../db/models/branch.js';
import type { MemberRecord } from '../../db/models/member.js';
import { localDate } from '../../domain/dates.js';
import type { ExportPeriod } from '../../domain/export-period.js';
import { settingsOf } from '../branch-settings.js';

/**
 * What every ledger's rows need: the branch, the period, the branch's zone and "now", and the
 * branch's members and known people by id (a few hundred at most; the records themselves stream).
 */
export interface ExportContext {
  models: Models;
  branch: BranchDoc;
  period: ExportPeriod;
  tz: string;
  now: Date;
  members: Map<string, MemberRecord>;
  /** A person's display name by Telegram id: a member's real name, else the name last seen. */
  nameOf(userId: number): Promise<string>;
  /** A calendar day of the branch's zone for an instant. */
  day(at: Date | undefined | null): string | null;
  member(id: Types.ObjectId | undefined): MemberRecord | undefined;
}

/** Loads the members and names once for an export of `branch` over `period`. */
export async function exportContext(
  models: Models,
  branch: BranchDoc,
  period: ExportPeriod,
  now: Date,
): Promise<ExportContext> {
  const tz = settingsOf(branch).timeZone;
  const list = await models.Member.find({ branchId: branch._id }).sort({ _id: 1 }).lean<MemberRecord[]>();
  const members = new Map(list.map((m) => [String(m._id), m]));
  const names = new Map<number, string>(list.map((m) => [m.userId, m.realName]));
  async function nameOf(userId: number): Promise<string> {
    const known = names.get(userId);
    if (known !== undefined) return known;
    const pref = await models.UserPref.findById(userId, { firstName: 1 }).lean<{ firstName?: string }>();
    const name = pref?.firstName ?? String(userId);
    names.set(userId, name);
    return name;
  }
  return {
    models,
    branch,
    period,
    tz,
    now,
    members,
    nameOf,
    day: (at) => (at ? localDate(at, tz) : null),
    member: (id) => (id ? members.get(String(id)) : undefined),
  };
}
