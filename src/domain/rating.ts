import { fail, ok, type Result } from './errors.js';
import type { RatingRuleSet } from './rating-rules.js';
import type { Weights } from './settings.js';
import { toHalfWidth, validateText } from './text.js';

/** The four dimensions of the monthly assessment (一月一考评). */
export const DIMENSIONS = ['political', 'performance', 'service', 'exemplary'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** 政治思想, 工作业绩, 优质服务, 示范作用. */
export const DIMENSION_NAMES_ZH: Readonly<Record<Dimension, string>> = {
  political: '政治思想',
  performance: '工作业绩',
  service: '优质服务',
  exemplary: '示范作用',
};

/** Scores of one rater on the four dimensions, each 0..dimensionMax. */
export type ScoreSheet = Readonly<Record<Dimension, number>>;

/** The three sources of a rating: 自评 / 群众测评 / 组织考评. */
export type RatingSource = 'self' | 'masses' | 'organisation';

/** Parses one dimension score as typed (full-width digits accepted): an integer in 0..max. */
export function parseDimensionScore(text: string, max: number): Result<number> {
  const t = toHalfWidth(text).trim();
  if (!/^\d{1,3}$/.test(t)) return fail('error-rating-score-not-integer', { value: text.trim() });
  const n = Number(t);
  return n <= max ? ok(n) : fail('error-rating-score-out-of-range', { min: 0, max, value: n });
}

/** Checks a whole sheet: every dimension present, an integer in 0..max. */
export function validateScoreSheet(
  sheet: Partial<Record<Dimension, number>>,
  max: number,
): Result<ScoreSheet> {
  for (const d of DIMENSIONS) {
    const v = sheet[d];
    if (v === undefined) return fail('error-rating-score-missing', { dimension: d });
    if (!Number.isInteger(v)) return fail('error-rating-score-not-integer', { value: String(v) });
    if (v < 0 || v > max) return fail('error-rating-score-out-of-range', { min: 0, max, value: v });
  }
  const s = sheet as ScoreSheet;
  return ok({
    political: s.political,
    performance: s.performance,
    service: s.service,
    exemplary: s.exemplary,
  });
}

/** Sum of the four dimensions. */
export function sheetTotal(sheet: ScoreSheet): number {
  return DIMENSIONS.reduce((acc, d) => acc + sheet[d], 0);
}

/**
 * Checks the organisation score the reviewer settles on (0–100): keeping the suggestion needs no
 * reason, changing it needs one (1–200 characters).
 */
export function validateOrgScore(
  score: number,
  suggested: number,
  reason: string | undefined,
): Result<{ score: number; reason?: string }> {
  if (!Number.isInteger(score) || score < 0 || score > 100)
    return fail('error-rating-org-score-out-of-range', { min: 0, max: 100 });
  if (score === suggested) return ok({ score });
  if (reason === undefined || reason.trim() === '') return fail('error-rating-override-reason-required');
  const r = validateText('override-reason', reason);
  return r.ok ? ok({ score, reason: r.value }) : r;
}

/** Everything one member's monthly result is computed from. */
export interface RatingInputs {
  /** The member's own sheet; null when they did not self-evaluate (counts as 0). */
  readonly self: ScoreSheet | null;
  /** Totals of the anonymous masses ballots, each 0..4×dimensionMax. */
  readonly massesBallotTotals: readonly number[];
  /** The organisation score 0–100: the reviewer's, or the suggestion when nobody scored. */
  readonly organisation: number;
}

export type RatingNote = 'self-missing' | 'masses-too-few-ballots';

export interface RatingComputation {
  /** Each source on the 0–100 scale (masses null when it did not count). */
  readonly self: number;
  readonly masses: number | null;
  readonly organisation: number;
  readonly ballots: number;
  /** Weights actually applied: the masses' weight moves to the organisation below the ballot minimum. */
  readonly weights: Weights;
  readonly total: number;
  readonly passed: boolean;
  readonly notes: readonly RatingNote[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Weighted total of the three sources on a 0–100 scale, rounded to 2 decimals; pass at
 * `passScore`. The masses count only with at least `massesMinBallots` ballots.
 */
export function computeRating(inputs: RatingInputs, rules: RatingRuleSet): RatingComputation {
  const sheetMax = 4 * rules.dimensionMax;
  const notes: RatingNote[] = [];
  if (!inputs.self) notes.push('self-missing');
  const self = inputs.self ? round2((sheetTotal(inputs.self) / sheetMax) * 100) : 0;
  const ballots = inputs.massesBallotTotals.length;
  const counted = ballots >= rules.massesMinBallots && ballots > 0;
  if (!counted) notes.push('masses-too-few-ballots');
  const masses = counted
    ? round2((inputs.massesBallotTotals.reduce((a, b) => a + b, 0) / ballots / sheetMax) * 100)
    : null;
  const w = rules.weights;
  const weights: Weights = counted
    ? { ...w }
    : { self: w.self, masses: 0, organisation: w.organisation + w.masses };
  const total = round2(
    (weights.self * self + weights.masses * (masses ?? 0) + weights.organisation * inputs.organisation) / 100,
  );
  return {
    self,
    masses,
    organisation: inputs.organisation,
    ballots,
    weights,
    total,
    passed: total >= rules.passScore,
    notes,
  };
}
