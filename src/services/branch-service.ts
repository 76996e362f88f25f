import type { Models } from '../db/models/index.js';
import type { BranchDoc } from '../db/models/branch.js';
import { validateText } from '../domain/text.js';
import { unwrap } from '../domain/errors.js';
import { resolveSettings, type BranchSettings } from '../domain/settings.js';
import { applySettingsPatch, parseSettingsPatch, type SettingsPatch } from '../domain/settings-patch.js';
import { localDate } from '../domain/dates.js';
import { settingKeyOf } from '../domain/setting-names.js';
import { createAudit } from './audit.js';
import { ServiceError } from './errors.js';
import { authorize, type Actor } from './authorize.js';
import type { OutButton } from './notice.js';

export interface BranchDeps {
  models: Models;
  clock: () => Date;
}

export type Branch = BranchDoc;

/** The text of a roster board not yet kept (src/services/roster-board.ts). */
export interface RosterDraft {
  text: string;
  buttons: OutButton[][];
}

/** Use cases of a branch bound to a group: bind, migrate, deactivate, committee appointments. */
export function createBranchService({ models, clock }: BranchDeps) {
  const audit = createAudit(models, clock);
  const { Branch } = models;

  async function findByChat(chatId: number): Promise<Branch | null> {
    return Branch.findOne({ $or: [{ chatId }, { formerChatIds: chatId }] }).lean<Branch>();
  }

  async function requireActive(chatId: number): Promise<Branch> {
    const branch = await findByChat(chatId);
    if (!branch) throw new ServiceError('error-branch-not-bound');
    if (!branch.active) throw new ServiceError('error-branch-inactive');
    return branch;
  }

  /**
   * The one path that changes settings: the patch checked against the whole, only the changed
   * keys stored (the others keep following the defaults), audited before/after.
   */
  async function storeSettings(branch: Branch, actorId: number, key: string, patch: SettingsPatch) {
    const before = unwrap(resolveSettings(branch.settings));
    const after = unwrap(applySettingsPatch(before, patch));
    const set = Object.fromEntries(
      Object.keys(patch).map((k) => [`settings.${k}`, after[k as keyof BranchSettings]]),
    );
    await Branch.updateOne({ _id: branch._id }, { $set: set });
    await audit({ branchId: branch._id, actorId, action: 'settings.update', target: key, before, after });
    return after;
  }

  return {
    findByChat,
    async byId(id: string): Promise<Branch | null> {
      return /^[0-9a-f]{24}$/.test(id) ? Branch.findById(id).lean<Branch>() : null;
    },
    requireActive,
    /** The first active branch the user is secretary or committee member (支委) of, if any. */
    async runBy(userId: number): Promise<Branch | null> {
      return Branch.findOne({ active: true, $or: [{ secretaryId: userId }, { committeeIds: userId }] })
        .sort({ _id: 1 })
        .lean<Branch>();
    },

    /** Binds a group to a new branch; the admin who binds becomes its secretary. */
    async bind(input: { chatId: number; actorId: number; name: string; unit: string }): Promise<Branch> {
      const name = unwrap(validateText('branch-name', input.name));
      const unit = unwrap(validateText('unit', input.unit));
      const existing = await findByChat(input.chatId);
      if (existing?.active) throw new ServiceError('error-branch-already-bound', { name: existing.name });
      if (existing) {
        const after = await Branch.findOneAndUpdate(
          { _id: existing._id },
          { $set: { active: true, name, unit, secretaryId: input.actorId } },
          { returnDocument: 'after' },
        ).lean<Branch>();
        await audit({
          branchId: existing._id,
          actorId: input.actorId,
          action: 'branch.rebind',
          before: existing,
          after,
        });
        return after!;
      }
      try {
        const created = await Branch.create({ chatId: input.chatId, name, unit, secretaryId: input.actorId });
        const branch = created.toObject() as Branch;
        await audit({ branchId: branch._id, actorId: input.actorId, action: 'branch.bind', after: branch });
        return branch;
      } catch (err) {
        // Two admins binding at once: the unique chatId index lets exactly one win.
        if ((err as { code?: number }).code === 11000)
          throw new ServiceError('error-branch-already-bound', { name });
        throw err;
      }
    },

    /** The secretary is no longer a chat admin: the admin who asks becomes secretary (once). */
    async takeOver(branch: Branch, actorId: number): Promise<void> {
      const set = { secretaryId: actorId, committeeIds: branch.committeeIds.filter((id) => id !== actorId) };
      const done = await Branch.updateOne(
        { _id: branch._id, secretaryId: branch.secretaryId },
        { $set: set },
      );
      if (done.modifiedCount !== 1) throw new ServiceError('error-action-unavailable');
      const before = { secretaryId: branch.secretaryId, committeeIds: branch.committeeIds };
      await audit({ branchId: branch._id, actorId, action: 'branch.takeover', before, after: set });
    },

    /** The group became a supergroup: the branch and its records follow the new chat id. */
    async migrate(oldChatId: number, newChatId: number): Promise<void> {
      await Branch.updateOne(
        { chatId: oldChatId },
        { $set: { chatId: newChatId }, $addToSet: { formerChatIds: oldChatId } },
      );
    },

    /** The bot left or was removed: keep everything, mark the branch inactive. */
    async setActive(chatId: number, active: boolean): Promise<void> {
      await Branch.updateOne({ chatId }, { $set: { active } });
    },

    async appoint(branch: Branch, actorId: number, userId: number): Promise<void> {
      if (userId === branch.secretaryId) throw new ServiceError('error-appoint-self');
      if (branch.committeeIds.includes(userId)) throw new ServiceError('error-appoint-already');
      await Branch.updateOne({ _id: branch._id }, { $addToSet: { committeeIds: userId } });
      await audit({
        branchId: branch._id,
        actorId,
        action: 'committee.appoint',
        target: String(userId),
        before: { committeeIds: branch.committeeIds },
        after: { committeeIds: [...branch.committeeIds, userId] },
      });
    },

    async unappoint(branch: Branch, actorId: number, userId: number): Promise<void> {
      if (!branch.committeeIds.includes(userId)) throw new ServiceError('error-unappoint-not-committee');
      await Branch.updateOne({ _id: branch._id }, { $pull: { committeeIds: userId } });
      await audit({
        branchId: branch._id,
        actorId,
        action: 'committee.unappoint',
        target: String(userId),
        before: { committeeIds: branch.committeeIds },
        after: { committeeIds: branch.committeeIds.filter((id) => id !== userId) },
      });
    },

    /** The branch's settings with defaults filled in. */
    settingsOf(branch: Pick<Branch, 'settings'>): BranchSettings {
      return unwrap(resolveSettings(branch.settings));
    },

    /** `/settings <key> <value>` by the secretary: parsed, checked as a whole, stored, audited. */
    /** One setting changed by the secretary (the policy's `editSettings`), audited before/after. */
    async updateSettings(branch: Branch, actor: Actor, name: string, value: string): Promise<BranchSettings> {
      authorize(actor, 'editSettings');
      const actorId = actor.userId;
      // A key by its name or one of its Chinese names (/settings 公示天数 1).
      const key = settingKeyOf(name) ?? name;
      const today = localDate(clock(), unwrap(resolveSettings(branch.settings)).timeZone);
      return storeSettings(branch, actorId, key, unwrap(parseSettingsPatch(key, value, today)));
    },

    /** Every active branch the user is secretary or committee member (支委) of. */
    runByAll(userId: number): Promise<Branch[]> {
      return Branch.find({ active: true, $or: [{ secretaryId: userId }, { committeeIds: userId }] })
        .sort({ _id: 1 })
        .lean<Branch[]>();
    },
    /** The active branch the user is the secretary of, if any. */
    ofSecretary(userId: number): Promise<Branch | null> {
      return Branch.findOne({ active: true, secretaryId: userId }).lean<Branch>();
    },
    /** Every branch, active or not, with its settings only (the schedulers follow them). */
    allSchedules(): Promise<Pick<Branch, '_id' | 'active' | 'settings'>[]> {
      return Branch.find({}, { active: 1, settings: 1 }).lean<
        Pick<Branch, '_id' | 'active' | 'settings'>[]
      >();
    },
    /** `/pause` or `/resume` in the group: every reminder of the branch, by the secretary. */
    async setRemindersPaused(branch: Branch, actor: Actor, paused: boolean): Promise<void> {
      authorize(actor, 'pauseBranchReminders');
      await storeSettings(branch, actor.userId, 'remindersPaused', { remindersPaused: paused });
    },

    /**
     * The roster board (src/services/roster-board.ts). A new board is needed: stores its text as
     * rendered now and returns the generation to post it under, or null when a board was kept
     * meanwhile (the sender just posted one: edit that instead). Atomic with `keepRoster`.
     */
    async draftRoster(branchId: Branch['_id'] | string, draft: RosterDraft): Promise<number | null> {
      const b = await Branch.findOneAndUpdate(
        { _id: branchId, rosterMessageId: null },
        { $set: { rosterDraft: draft } },
        { returnDocument: 'after', projection: { rosterGen: 1 } },
      ).lean<Pick<Branch, 'rosterGen'>>();
      return b ? (b.rosterGen ?? 0) : null;
    },
    /** The sender, about to post board `gen`: its newest draft, or null when it is no longer wanted. */
    async rosterToSend(branchId: string, gen: number): Promise<RosterDraft | null> {
      const b = await Branch.findOne(
        { _id: branchId, active: true, rosterGen: gen, rosterMessageId: null },
        { rosterDraft: 1 },
      ).lean<Pick<Branch, 'rosterDraft'>>();
      return (b?.rosterDraft as RosterDraft | undefined) ?? null;
    },
    /**
     * The sender posted board `gen`: keeps its id (unless another board is kept or the generation
     * moved on) and returns the branch as it was just before, with the draft stored until then.
     */
    async keepRoster(branchId: string, gen: number, messageId: number): Promise<Branch | null> {
      return Branch.findOneAndUpdate(
        { _id: branchId, rosterGen: gen, rosterMessageId: null },
        { $set: { rosterMessageId: messageId }, $unset: { rosterDraft: 1 } },
        { returnDocument: 'before' },
      ).lean<Branch>();
    },
    /** The kept board is gone (its edit failed): forget it; the next board is a new generation. */
    async rosterLost(branchId: Branch['_id'], messageId: number): Promise<void> {
      await Branch.updateOne(
        { _id: branchId, rosterMessageId: messageId },
        { $unset: { rosterMessageId: 1 }, $inc: { rosterGen: 1 } },
      );
    },
    /** Board `gen` went out without its id being kept (in doubt): the next board is a new generation. */
    async nextRosterGen(branchId: Branch['_id'], gen: number): Promise<void> {
      await Branch.updateOne(
        { _id: branchId, rosterGen: gen, rosterMessageId: null },
        { $inc: { rosterGen: 1 } },
      );
    },

    async markMissingRights(branch: Branch, rights: string[]): Promise<string[]> {
      const fresh = rights.filter((r) => !branch.missingRights.includes(r));
      await Branch.updateOne({ _id: branch._id }, { $set: { missingRights: rights } });
      return fresh;
    },
  };
}
export type BranchService = ReturnType<typeof createBranchService>;
