import type { JobDeps } from './context.js';

/** Writers stamp their own clocks: each pass looks this much further back and skips what it handled. */
const SKEW_MS = 5_000;
/** With no watermark yet (first pass ever, or the key was lost), the last ten minutes count. */
const FIRST_LOOK_MS = 10 * 60_000;

/** The pass's watermark, kept in Redis so a restart or another worker carries on where it stopped. */
interface Watermark {
  /** The newest member change seen (ms) and the changes already handled near it (`id@updatedAt`). */
  since: number;
  handled: string[];
  /** The newest red flag seen (ms) and the awards already handled near it (ids). */
  flagsSince: number;
  flagsSeen: string[];
}

export const rosterSyncKey = (prefix: string) => `${prefix}:roster-sync:watermark`;

/**
 * Every 30 s: keeps roster boards current when cards change outside the bot's own handlers (stars
 * and plates set by the monthly rating here in the worker, for instance) and when a committee's red
 * flag passes (the new holder's board shows it, the old holder's drops it). A pass looks for members
 * and red flags stored since the watermark (indexed reads), refreshes those branches' boards (edited
 * in place, or a new one queued), and then moves the watermark on. A job scheduler's job runs once
 * per tick across workers; a pass cut short before the watermark is stored is done again by the
 * next one (an edit to the same text changes nothing), so no change is skipped.
 * Returns the ids of the branches whose boards were refreshed.
 */
export async function processRosterSync(
  deps: Pick<JobDeps, 'services' | 'rosterBoards' | 'redis' | 'prefix' | 'log'>,
  asOf: Date,
): Promise<string[]> {
  const { services, redis, prefix, log } = deps;
  const key = rosterSyncKey(prefix);
  const stored = await redis.get(key);
  const start = asOf.getTime() - FIRST_LOOK_MS;
  const w: Watermark = stored
    ? (JSON.parse(stored) as Watermark)
    : { since: start, handled: [], flagsSince: start, flagsSeen: [] };

  const all = await services.rosterChanges.members(new Date(w.since - SKEW_MS));
  const stamp = (m: (typeof all)[number]) => `${m._id.toString()}@${m.updatedAt.getTime()}`;
  const handled = new Set(w.handled);
  const changed = all.filter((m) => !handled.has(stamp(m)));
  let since = w.since;
  for (const m of all) since = Math.max(since, m.updatedAt.getTime());

  // Red flags are stored once and never change: each is handled once, by its id.
  const awards = await services.rosterChanges.redFlags(new Date(w.flagsSince - SKEW_MS));
  const seen = new Set(w.flagsSeen);
  const fresh = awards.filter((a) => !seen.has(String(a._id)));
  let flagsSince = w.flagsSince;
  for (const a of fresh) flagsSince = Math.max(flagsSince, a.computedAt.getTime());
  const flagBranches = fresh.flatMap((a) =>
    [a.winnerId, a.inputs.previousHolderId].filter((x) => x != null).map(String),
  );

  const ids = [...new Set([...changed.map((m) => m.branchId.toString()), ...flagBranches])];
  const done: string[] = [];
  for (const id of ids) {
    const branch = await services.branches.byId(id);
    if (!branch?.active || !branch.rosterMessageId) continue;
    await deps
      .rosterBoards(branch)
      .catch((err: unknown) => log.warn({ err, branchId: id }, 'roster sync failed'));
    done.push(id);
  }
  const next: Watermark = {
    since,
    handled: all.map(stamp),
    flagsSince,
    flagsSeen: awards.map((a) => String(a._id)),
  };
  await redis.set(key, JSON.stringify(next));
  return done;
}
