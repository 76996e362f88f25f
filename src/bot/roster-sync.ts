import type { Api } from 'grammy';
import type { Logger } from 'pino';
import type { AppServices } from '../services/index.js';
import type { RosterBoard } from './roster-board.js';

/**
 * Keeps roster boards current when cards change outside the bot's own handlers — stars and plates
 * set by the monthly rating in the worker, for instance — and when a committee's red flag passes
 * (the new holder's board shows it, the old holder's drops it). Every pass looks for members and
 * red flags stored since the last pass (indexed reads) and refreshes those branches' boards.
 */
export function createRosterSync(deps: {
  services: AppServices;
  roster: RosterBoard;
  api: () => Api;
  log: Logger;
  clock?: () => Date;
}) {
  const { services, roster, api, log } = deps;
  const clock = deps.clock ?? (() => new Date());
  // The newest change seen. Writers stamp their own clocks, so each pass looks a few seconds further
  // back and skips the changes it has already handled. At start-up, the last ten minutes count.
  const SKEW_MS = 5_000;
  let since = new Date(clock().getTime() - 10 * 60_000);
  let handled = new Set<string>();

  // Red flags are stored once and never change: each is handled once, by its id.
  let flagsSince = since;
  let flagsSeen = new Set<string>();
  /** The branches that won or lost a red flag since the last pass. */
  async function flagChanges(): Promise<string[]> {
    const awards = await services.rosterChanges.redFlags(new Date(flagsSince.getTime() - SKEW_MS));
    const fresh = awards.filter((a) => !flagsSeen.has(String(a._id)));
    flagsSeen = new Set(awards.map((a) => String(a._id)));
    for (const a of fresh) if (a.computedAt > flagsSince) flagsSince = a.computedAt;
    return fresh.flatMap((a) => [a.winnerId, a.inputs.previousHolderId].filter((x) => x != null).map(String));
  }

  /** One pass; returns the ids of the branches whose boards were refreshed. */
  async function sync(): Promise<string[]> {
    const all = await services.rosterChanges.members(new Date(since.getTime() - SKEW_MS));
    const stamp = (m: (typeof all)[number]) => `${m._id.toString()}@${m.updatedAt.getTime()}`;
    const changed = all.filter((m) => !handled.has(stamp(m)));
    handled = new Set(all.map(stamp));
    for (const m of all) if (m.updatedAt > since) since = m.updatedAt;
    const ids = [...new Set([...changed.map((m) => m.branchId.toString()), ...(await flagChanges())])];
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
