/**
 * The top-ten vote (十佳): counting anonymous ballots. A ballot is only the list of candidates it
 * chose; who cast it is kept apart (eligibility), so counting never sees a voter.
 */
export interface TopTenBallot {
  readonly choices: readonly string[];
}

export interface TopTenCount {
  readonly candidateId: string;
  readonly votes: number;
  /** 1-based; equal votes share a rank (1, 2, 2, 4). */
  readonly rank: number;
  /** Within the first `seats` places (ties at the last seat all elected). */
  readonly elected: boolean;
}

/**
 * Counts the ballots of a closed vote: a ballot with more than `maxChoices` choices, a choice
 * that is not a candidate, or the same candidate twice is void as a whole. Every candidate is
 * listed, most votes first, then by candidate id (a published, order-free tie-break).
 */
export function countTopTen(
  candidates: readonly string[],
  ballots: readonly TopTenBallot[],
  maxChoices: number,
  seats = 10,
): { counts: TopTenCount[]; valid: number; void: number } {
  const known = new Set(candidates);
  const votes = new Map(candidates.map((c) => [c, 0]));
  let valid = 0;
  for (const b of ballots) {
    const ok =
      b.choices.length > 0 &&
      b.choices.length <= maxChoices &&
      new Set(b.choices).size === b.choices.length &&
      b.choices.every((c) => known.has(c));
    if (!ok) continue;
    valid++;
    for (const c of b.choices) votes.set(c, votes.get(c)! + 1);
  }
  const sorted = [...votes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const counts: TopTenCount[] = [];
  sorted.forEach(([candidateId, n], i) => {
    const rank = i > 0 && sorted[i - 1]![1] === n ? counts[i - 1]!.rank : i + 1;
    counts.push({ candidateId, votes: n, rank, elected: rank <= seats && n > 0 });
  });
  return { counts, valid, void: ballots.length - valid };
}

/** One member as the candidate rule reads them: stars now and the year's average total. */
export interface TopTenMember {
  readonly memberId: string;
  readonly stars: number;
  readonly maxStars: number;
  /** Average of the year's final monthly totals; null when never rated. */
  readonly average: number | null;
}

/** A vote's shape: the candidates in ballot order, the seats and how many one ballot may choose. */
export interface TopTenSetup {
  readonly candidates: string[];
  readonly seats: number;
  readonly maxChoices: number;
}

/**
 * The candidates of the year's vote by rule (十佳, rule top-ten/2026.1): every member at full stars
 * (星级党员示范岗), then the best yearly averages, up to twice the seats (at least the full-star
 * members); never-rated members are not candidates. Seats: ten, or half the candidates (rounded
 * up) in a small branch; a ballot may choose up to the seats. Order: stars, average, id.
 */
export const TOP_TEN_RULE_VERSION = 'top-ten/2026.1';
export function topTenSetup(members: readonly TopTenMember[], maxSeats = 10): TopTenSetup {
  const rated = members.filter((m) => m.average !== null);
  const full = rated.filter((m) => m.stars >= m.maxStars).length;
  const sorted = [...rated].sort(
    (a, b) =>
      Number(b.stars >= b.maxStars) - Number(a.stars >= a.maxStars) ||
      b.average! - a.average! ||
      (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0),
  );
  const limit = Math.max(full, 2 * maxSeats);
  const candidates = sorted.slice(0, limit).map((m) => m.memberId);
  const seats = Math.min(maxSeats, Math.ceil(candidates.length / 2));
  return { candidates, seats, maxChoices: seats };
}
