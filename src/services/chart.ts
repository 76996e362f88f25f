import { renderAsync } from '@resvg/resvg-js';
import { CJK_FAMILY as FAMILY, CJK_FONT, requireCjkFont } from './cjk-font.js';

export { CJK_FONT } from './cjk-font.js';

export interface ChartRow {
  name: string;
  total: number;
  passed: boolean;
}

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** One bar: its label, its value, and whether it is drawn in the highlight colour. */
export interface Bar {
  name: string;
  value: number;
  highlight: boolean;
}

/** A horizontal bar chart as SVG: bars on a 0–`max` scale, a title and an optional marked line. */
export function barChartSvg(
  rows: readonly Bar[],
  opts: { title: string; max: number; line?: { value: number; label: string } },
) {
  const barH = 26;
  const left = 140;
  const width = 720;
  const plot = width - left - 60;
  const top = 60;
  const height = top + rows.length * (barH + 8) + 40;
  const x = (v: number) => left + (Math.max(0, Math.min(opts.max, v)) / Math.max(1, opts.max)) * plot;
  const bars = rows.map((r, i) => {
    const y = top + i * (barH + 8);
    return [
      `<text x="${left - 10}" y="${y + 18}" text-anchor="end" font-size="15">${esc(r.name)}</text>`,
      `<rect x="${left}" y="${y}" width="${x(r.value) - left}" height="${barH}" fill="${r.highlight ? '#c62828' : '#9e9e9e'}"/>`,
      `<text x="${x(r.value) + 6}" y="${y + 18}" font-size="14">${r.value}</text>`,
    ].join('');
  });
  const line = opts.line && x(opts.line.value);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="${FAMILY}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="34" text-anchor="middle" font-size="22" fill="#b71c1c">${esc(opts.title)}</text>`,
    ...bars,
    ...(opts.line
      ? [
          `<line x1="${line}" y1="${top - 6}" x2="${line}" y2="${height - 30}" stroke="#1565c0" stroke-dasharray="4 3"/>`,
          `<text x="${line}" y="${height - 12}" text-anchor="middle" font-size="13" fill="#1565c0">${esc(opts.line.label)} ${opts.line.value}</text>`,
        ]
      : []),
    `</svg>`,
  ].join('\n');
}

/** The rating chart as SVG: one bar per member (0–100), red when passed, the pass line. */
export function ratingChartSvg(
  rows: readonly ChartRow[],
  opts: { title: string; passScore: number; passLabel: string },
) {
  return barChartSvg(
    rows.map((r) => ({ name: r.name, value: r.total, highlight: r.passed })),
    { title: opts.title, max: 100, line: { value: opts.passScore, label: opts.passLabel } },
  );
}

/** An SVG chart as PNG with the CJK font (see renderRatingChart). */
export async function renderSvg(svg: string): Promise<Buffer> {
  requireCjkFont();
  const image = await renderAsync(svg, {
    font: { fontFiles: [CJK_FONT], loadSystemFonts: false, defaultFontFamily: FAMILY },
    background: '#ffffff',
  });
  return image.asPng();
}

/**
 * Renders the chart to PNG with the CJK font, so Chinese names show as text and not as boxes.
 * On libuv's thread pool: loading the font and rasterising take tens of milliseconds, which on
 * the event loop would stall every other job of the worker (the sender's requests among them).
 */
export async function renderRatingChart(
  rows: readonly ChartRow[],
  opts: { title: string; passScore: number; passLabel: string },
): Promise<Buffer> {
  return renderSvg(ratingChartSvg(rows, opts));
}
