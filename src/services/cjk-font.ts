import { existsSync } from 'node:fs';

/**
 * The one CJK font every rendered image and document uses (charts, PDFs): Debian's
 * fonts-wqy-microhei, installed by scripts/setup.sh and the Dockerfile.
 */
export const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
/** Its family name, for SVG renderers. */
export const CJK_FAMILY = 'WenQuanYi Micro Hei';
/** Its face in the .ttc collection, for pdfkit's `doc.font(path, face)`. */
export const CJK_PDF_FACE = 'WenQuanYiMicroHei';

/** The font's path, or a clear error naming the package to install. */
export function requireCjkFont(): string {
  if (!existsSync(CJK_FONT)) throw new Error(`CJK font missing: ${CJK_FONT} (run scripts/setup.sh)`);
  return CJK_FONT;
}
