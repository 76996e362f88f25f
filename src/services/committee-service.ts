import type { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import {
  DEFAULT_COMMITTEE_SETTINGS,
  type CommitteeKind,
  type CommitteeRecord,
  type CommitteeSettings,
} from '../db/models/committee.js';
import {
  committeeDenial,
  type CommitteeAction,
  type CommitteeRole,
  type TreeRecord,
} from '../domain/roles.js';
import { unwrap } from '../domain/errors.js';
import { validateText } from '../domain/text.js';
import { ServiceError } from './errors.js';

export type Committee = CommitteeRecord;

/** Who acts at the committee level: the role is read from the committee's group by the caller. */
export interface CommitteeActor {
  readonly userId: number;
  readonly role: CommitteeRole;
}

export interface CommitteeDeps {
  models: Models;
  clock: () => Date;
}

/** Writes one line of the audit log for a committee's action. */
export function committeeAudit(models: Pick<Models, 'Audit'>, clock: () => Date) {
  return async (e: {
    committeeId: Types.ObjectId;
    actorId: number;
    action: string;
    target?: string;
    before?: unknown;
    after?: unknown;
  }) => {
    await models.Audit.create({ ...e, at: clock() });
  };
}

/**
 * Refuses unless the one policy (src/domain/roles.ts, `committeeDenial`) allows the action: by the
 * actor's committee role, and for a record, only on a branch of the committee's own tree.
 */
export function requireCommittee(
  actor: CommitteeActor & { committeeId?: string },
  action: CommitteeAction,
  record?: TreeRecord,
): void {
  const key = committeeDenial(actor, action, record);
  if (key) throw new ServiceError(key);
}

/** Binding a committee (党委) or general branch (党总支) to its group, and appointing its members. */
export function createCommitteeService({ models, clock }: CommitteeDeps) {
  const audit = committeeAudit(models, clock);
  const { Committee } = models;

  async function findByChat(chatId: number): Promise<Committee | null> {
    return Committee.findOne({ $or: [{ chatId }, { formerChatIds: chatId }] }).lean<Committee>();
  }

  return {
    findByChat,
    async byId(id: string | Types.ObjectId): Promise<Committee | null> {
      return /^[0-9a-f]{24}$/.test(String(id)) ? Committee.findById(id).lean<Committee>() : null;
    },
    async requireActive(chatId: number): Promise<Committee> {
      const c = await findByChat(chatId);
      if (!c?.active) throw new ServiceError('error-committee-not-bound');
      return c;
    },
    /** Committees where the user is secretary or a member (for commands in a private chat). */
    /** Every active committee (the hourly set-day check looks at each). */
    active(): Promise<Committee[]> {
      return Committee.find({ active: true }).lean<Committee[]>();
    },
    async ofUser(userId: number): Promise<Committee[]> {
      return Committee.find({ active: true, $or: [{ secretaryId: userId }, { committeeIds: userId }] }).lean<
        Committee[]
      >();
    },
    /** The role the committee's records give the user (the caller re-checks chat admin status). */
    listedRole(c: Committee, userId: number): CommitteeRole {
      return c.secretaryId === userId ? 'secretary' : c.committeeIds.includes(userId) ? 'member' : 'none';
    },
    settingsOf(c: Pick<Committee, 'settings'>): CommitteeSettings {
      return { ...DEFAULT_COMMITTEE_SETTINGS, ...c.settings };
    },

    /** Binds a group to a new committee; the admin who binds becomes its secretary. */
    async bind(input: { chatId: number; actorId: number; kind: CommitteeKind; name: string; unit: string }) {
      const name = unwrap(validateText('branch-name', input.name));
      const unit = unwrap(validateText('unit', input.unit));
      const existing = await findByChat(input.chatId);
      if (existing) throw new ServiceError('error-committee-already-bound', { name: existing.name });
      try {
        const created = await Committee.create({
          chatId: input.chatId,
          kind: input.kind,
          name,
          unit,
          secretaryId: input.actorId,
        });
        const c = created.toObject() as Committee;
        await audit({ committeeId: c._id, actorId: input.actorId, action: 'committee.bind', after: c });
        return c;
      } catch (err) {
        if ((err as { code?: number }).code === 11000)
          throw new ServiceError('error-committee-already-bound', { name });
        throw err;
      }
    },

    /** Appoints (or removes) a committee member (委员); secretary only, audited. */
    async setMember(c: Committee, actor: CommitteeActor, userId: number, on: boolean): Promise<void> {
      requireCommittee(actor, 'appoint');
      if (userId === c.secretaryId) throw new ServiceError('error-appoint-self');
      if (on === c.committeeIds.includes(userId))
        throw new ServiceError(on ? 'error-appoint-already' : 'error-unappoint-not-committee');
      const after = on ? [...c.committeeIds, userId] : c.committeeIds.filter((id) => id !== userId);
      await Committee.updateOne(
        { _id: c._id },
        on ? { $addToSet: { committeeIds: userId } } : { $pull: { committeeIds: userId } },
      );
      await audit({
        committeeId: c._id,
        actorId: actor.userId,
        action: on ? 'committee.appoint' : 'committee.unappoint',
        target: String(userId),
        before: { committeeIds: c.committeeIds },
        after: { committeeIds: after },
      });
    },

    /** The group became a supergroup: the committee follows the new chat id. */
    async migrate(oldChatId: number, newChatId: number): Promise<void> {
      await Committee.updateOne(
        { chatId: oldChatId },
        { $set: { chatId: newChatId }, $addToSet: { formerChatIds: oldChatId } },
      );
    },
  };
}
export type CommitteeService = ReturnType<typeof createCommitteeService>;
