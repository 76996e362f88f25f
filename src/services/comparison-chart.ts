import { CJK_FAMILY as FAMILY } from './cjk-font.js';
import { renderSvg } from './chart.js';
import type { ComparisonRow } from './committee-comparison.js';

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The four series of the comparison chart, each on a 0–100 scale. */
const SERIES = [
  { colour: '#c62828', value: (r: ComparisonRow) => r.averageScore },
  { colour: '#ef8f00', value: (r: ComparisonRow) => r.passRate },
  { colour: '#2e7d32', value: (r: ComparisonRow) => r.deedsPerMember * 10 },
  { colour: '#546e7a', value: (r: ComparisonRow) => r.overdueItems },
] as const;

/**
 * The committee's comparison as a grouped horizontal bar chart: per branch, its average score,
 * pass rate, verified deeds per member ×10 and overdue pledge items (each capped at 100), with a
 * legend naming the series in the reader's language.
 */
export function comparisonChartSvg(
  rows: readonly ComparisonRow[],
  opts: { title: string; legend: readonly [string, string, string, string] },
): string {
  const bar = 7;
  const group = SERIES.length * bar + 12;
  const left = 170;
  const width = 760;
  const plot = width - left - 60;
  const top = 80;
  const height = top + rows.length * group + 20;
  const x = (v: number) => left + (Math.max(0, Math.min(100, v)) / 100) * plot;
  const legend = SERIES.map(
    (s, i) =>
      `<rect x="${20 + i * 185}" y="50" width="14" height="14" fill="${s.colour}"/>` +
      `<text x="${40 + i * 185}" y="62" font-size="13">${esc(opts.legend[i]!)}</text>`,
  );
  const groups = rows.map((r, i) => {
    const y = top + i * group;
    const bars = SERIES.map((s, k) => {
      const v = Math.round(s.value(r) * 100) / 100;
      const by = y + k * bar;
      return (
        `<rect x="${left}" y="${by}" width="${x(v) - left}" height="${bar - 1}" fill="${s.colour}"/>` +
        `<text x="${x(v) + 4}" y="${by + bar - 1}" font-size="8">${v}</text>`
      );
    });
    const label = `<text x="${left - 8}" y="${y + (SERIES.length * bar) / 2 + 5}" text-anchor="end" font-size="13">${esc(r.name)}</text>`;
    return label + bars.join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="${FAMILY}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="32" text-anchor="middle" font-size="20" fill="#b71c1c">${esc(opts.title)}</text>`,
    ...legend,
    ...groups,
    `</svg>`,
  ].join('\n');
}

/** The comparison chart as PNG (off the event loop, with the CJK font). */
export function renderComparisonChart(
  rows: readonly ComparisonRow[],
  opts: { title: string; legend: readonly [string, string, string, string] },
): Promise<Buffer> {
  return renderSvg(comparisonChartSvg(rows, opts));
}
