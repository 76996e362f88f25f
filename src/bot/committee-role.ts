import type { Api } from 'grammy';
import type { CommitteeRole } from '../domain/committee.js';
import type { AppServices } from '../services/index.js';
import type { Committee, CommitteeActor } from '../services/committee-service.js';
import { ServiceError } from '../services/errors.js';
import type { AdminCache } from './admins.js';

/**
 * The user's role in a committee, re-checked against its group's current admins: a secretary or
 * member who is no longer an admin there has no committee rights.
 */
export async function committeeActor(
  api: Api,
  services: AppServices,
  admins: AdminCache,
  c: Committee,
  userId: number,
): Promise<CommitteeActor> {
  const listed: CommitteeRole = services.committees.listedRole(c, userId);
  if (listed === 'none') return { userId, role: 'none' };
  return { userId, role: (await admins.isAdmin(api, c.chatId, userId)) ? listed : 'none' };
}

/** In a private chat: the committees where the user holds a role now; refused when none. */
export async function committeesOfUser(
  api: Api,
  services: AppServices,
  admins: AdminCache,
  userId: number,
): Promise<{ committee: Committee; actor: CommitteeActor }[]> {
  const out: { committee: Committee; actor: CommitteeActor }[] = [];
  for (const committee of await services.committees.ofUser(userId)) {
    const actor = await committeeActor(api, services, admins, committee, userId);
    if (actor.role !== 'none') out.push({ committee, actor });
  }
  if (out.length === 0) throw new ServiceError('error-committee-role-only');
  return out;
}

/** The committee bound to this group and the sender's role in it, or null for any other chat. */
export async function committeeHere(
  api: Api,
  services: AppServices,
  admins: AdminCache,
  chatId: number,
  userId: number,
): Promise<{ committee: Committee; actor: CommitteeActor } | null> {
  const committee = await services.committees.findByChat(chatId);
  if (!committee?.active) return null;
  return { committee, actor: await committeeActor(api, services, admins, committee, userId) };
}
