import { fail, ok, SINGLE_LINE_FIELDS, type Result, type TextField } from './errors.js';

type SingleLineField = (typeof SINGLE_LINE_FIELDS)[number];

/** Length limits of every free-text field, counted in Unicode code points after trimming. */
export const TEXT_LIMITS: Readonly<Record<TextField, { min: number; max: number }>> = {
  'real-name': { min: 1, max: 20 },
  post: { min: 1, max: 30 },
  unit: { min: 1, max: 30 },
  motto: { min: 1, max: 30 },
  'for-whom': { min: 1, max: 100 },
  'standard-text': { min: 10, max: 1000 },
  comment: { min: 1, max: 500 },
  'pledge-text': { min: 5, max: 200 },
  'return-reason': { min: 1, max: 200 },
  evidence: { min: 1, max: 500 },
  'deed-what': { min: 2, max: 500 },
  'reject-reason': { min: 1, max: 200 },
  'feedback-text': { min: 2, max: 500 },
  outcome: { min: 1, max: 500 },
  'override-reason': { min: 1, max: 200 },
  'early-reason': { min: 2, max: 200 },
  'branch-name': { min: 2, max: 40 },
};

const singleLine: ReadonlySet<TextField> = new Set(SINGLE_LINE_FIELDS);
const isSingleLine = (field: TextField): field is SingleLineField => singleLine.has(field);

/** Number of Unicode code points: a Chinese character or an emoji counts as one. */
export function codePointLength(text: string): number {
  return [...text].length;
}

/**
 * Trims the text and checks it against the field's limits (see TEXT_LIMITS).
 * Single-line fields reject line breaks; Windows line ends in multi-line fields become `\n`.
 */
export function validateText(field: TextField, raw: string): Result<string> {
  const text = raw.replace(/\r\n?/g, '\n').trim();
  const { min, max } = TEXT_LIMITS[field];
  if (isSingleLine(field) && /[\n\u2028\u2029]/.test(text)) return fail(`error-${field}-multiline` as const);
  const length = codePointLength(text);
  if (length < min) return fail(`error-${field}-too-short` as const, { min, length });
  if (length > max) return fail(`error-${field}-too-long` as const, { max, length });
  return ok(text);
}

/** Turns full-width digits, letters and punctuation (１２／３) into their ASCII forms and the ideographic space into a space. */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}
