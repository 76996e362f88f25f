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
