import { describe, expect, it } from 'vitest';
import { Resvg } from '@resvg/resvg-js';
import { CJK_FONT, ratingChartSvg, renderRatingChart } from '../../src/services/chart.js';

const rows = [
  { name: '张三', total: 92.5, passed: true },
  { name: '李四<b>', total: 61, passed: false },
];
const opts = { title: '2026年11月 考评结果', passScore: 80, passLabel: '合格线' };

/** Number of dark pixels in a PNG region, read back through resvg's own decoder-free path: the raw RGBA of a render. */
function inkOf(svg: string, withFont: boolean): number {
  const r = new Resvg(svg, {
    font: {
      fontFiles: withFont ? [CJK_FONT] : [],
      loadSystemFonts: false,
      defaultFontFamily: 'WenQuanYi Micro Hei',
    },
  });
  const px = r.render().pixels;
  let ink = 0;
  for (let i = 0; i < px.length; i += 4) if (px[i]! < 100 && px[i + 1]! < 100 && px[i + 2]! < 100) ink++;
  return ink;
}

describe('rating chart', () => {
  it('is a PNG with escaped names', async () => {
    const png = await renderRatingChart(rows, opts);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(ratingChartSvg(rows, opts)).toContain('李四&lt;b&gt;');
  });

  it('draws the Chinese names with the CJK font (glyph ink appears only when the font is given)', () => {
    const svg = ratingChartSvg([{ name: '示范岗', total: 0, passed: false }], { ...opts, title: '考评' });
    expect(inkOf(svg, true)).toBeGreaterThan(inkOf(svg, false) + 100);
  });
});
