import type { Api } from 'grammy';
import type { Types } from 'mongoose';
import type { Logger } from 'pino';
import type { Models } from '../db/models/index.js';
import type { AppServices } from '../services/index.js';
import type { RosterBoard } from './roster-board.js';

/**
 * Keeps roster boards current when cards change outside the bot's own handlers — stars and plates
 * set by the monthly rating in the worker, for instance. Every pass looks for members updated since
 * the last pass (an indexed read) and refreshes those branches' boards in place.
 */
export function createRosterSync(deps: {
  models: Pick<Models, 'Member'>;
  services: AppServices;
  roster: RosterBoard;
  api: () => Api;
  log: Logger;
  clock?: () => Date;
}) {
  const { models, services, roster, api, log } = deps;
  const clock = deps.clock ?? (() => new Date());
  // The newest change seen. Writers stamp their own clocks, so each pass looks a few seconds further
  // back and skips the changes it has already handled. At start-up, the last ten minutes count.
  const SKEW_MS = 5_000;
  let since = new Date(clock().getTime() - 10 * 60_000);
  let handled = new Set<string>();

  /** One pass; returns the ids of the branches whose boards were refreshed. */
  async function sync(): Promise<string[]> {
    const all = await models.Member.find({ updatedAt: { $gt: new Date(since.getTime() - SKEW_MS) } })
      .select({ branchId: 1, updatedAt: 1 })
      .lean<{ _id: Types.ObjectId; branchId: Types.ObjectId; updatedAt: Date }[]>();
    const stamp = (m: (typeof all)[number]) => `${m._id.toString()}@${m.updatedAt.getTime()}`;
    const changed = all.filter((m) => !handled.has(stamp(m)));
    handled = new Set(all.map(stamp));
    for (const m of all) if (m.updatedAt > since) since = m.updatedAt;
    const ids = [...new Set(changed.map((m) => m.branchId.toString()))];
    const done: string[] = [];
    for (const id of ids) {
      const branch = await services.branches.byId(id);
      if (!branch?.active || !branch.rosterMessageId) continue;
      await roster(api(), branch).catch((err: unknown) =>
        log.warn({ err, branchId: id }, 'roster sync failed'),
      );
      done.push(id);
    }
    return done;
  }

  function start(everyMs = 30_000): () => void {
    const timer = setInterval(() => {
      sync().catch((err: unknown) => log.warn({ err }, 'roster sync pass failed'));
    }, everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }
  return { sync, start };
}
