/**
 * Callback data of the top-ten vote, packed and read in this one place (its deep link is in
 * src/domain/deep-links.ts). The voter's choices so far ride in the button itself as a bitmask of
 * candidate indexes, so nothing about an unfinished ballot is stored anywhere
 * (test/bot/top-ten-data.test.ts: ≤ 64 bytes).
 */
export type TopTenCallback = { kind: 'toggle' | 'cast'; voteId: string; mask: number };

/** Candidates of one vote at most (topTenSetup: twice ten seats). */
export const MAX_CANDIDATES = 20;

export function packTopTen(cb: TopTenCallback): string {
  return `tt${cb.kind === 'toggle' ? 't' : 'v'}:${cb.voteId}:${cb.mask.toString(16)}`;
}

export function unpackTopTen(data: string): TopTenCallback | null {
  const m = /^tt([tv]):([0-9a-f]{24}):([0-9a-f]{1,5})$/.exec(data);
  if (!m) return null;
  const mask = parseInt(m[3]!, 16);
  if (mask >= 2 ** MAX_CANDIDATES) return null;
  return { kind: m[1] === 't' ? 'toggle' : 'cast', voteId: m[2]!, mask };
}

export const TOP_TEN_CALLBACK = /^tt[tv]:/;

/** The candidate indexes a mask holds, ascending. */
export const indexesOf = (mask: number) =>
  Array.from({ length: MAX_CANDIDATES }, (_, i) => i).filter((i) => mask & (1 << i));
