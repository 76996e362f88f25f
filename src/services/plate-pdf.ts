import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { starLine } from '../domain/plate.js';
import { CJK_PDF_FACE as CJK_FONT_FACE, requireCjkFont } from './cjk-font.js';

/** What one plate (党员示范岗 挂牌) shows; labels already in the branch's language. */
export interface PlateContent {
  title: string;
  name: string;
  motto: string;
  stars: number;
  branch: string;
  slogan: string;
  /** The deep link the QR code carries. */
  link: string;
  /** The line under the QR code: what scanning it does. */
  scanHint: string;
  /** "Post: …" and "Window: …" lines, and the label before the stars. */
  lines: { post: string; unit: string; stars: string };
}

const RED = '#c8102e';
const GOLD = '#b8860b';

/** A printable A5 landscape plate with the member's card and a QR code of the plate's deep link. */
export async function renderPlatePdf(p: PlateContent): Promise<Buffer> {
  const font = requireCjkFont();
  const qr = await QRCode.toBuffer(p.link, { errorCorrectionLevel: 'M', margin: 1, width: 480 });
  const doc = new PDFDocument({ size: 'A5', layout: 'landscape', margin: 0, info: { Title: p.title } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('cjk', font, CJK_FONT_FACE);
  const W = doc.page.width;
  const H = doc.page.height;
  // Frame and header band.
  doc
    .rect(12, 12, W - 24, H - 24)
    .lineWidth(3)
    .stroke(RED);
  doc.rect(12, 12, W - 24, 72).fill(RED);
  doc
    .font('cjk')
    .fontSize(34)
    .fillColor('#ffffff')
    .text(p.title, 12, 30, { width: W - 24, align: 'center' });
  // The card on the left.
  const x = 40;
  let y = 110;
  doc.fillColor('#000000').fontSize(40).text(p.name, x, y, { width: 330 });
  y += 62;
  doc.fontSize(16).fillColor('#333333');
  for (const line of [p.lines.post, p.lines.unit]) {
    doc.text(line, x, y, { width: 330 });
    y += 28;
  }
  doc.text(p.lines.stars, x, y, { continued: true }).fillColor(GOLD).text(starLine(p.stars));
  y += 40;
  doc.fillColor(RED).fontSize(20).text(`“${p.motto}”`, x, y, { width: 330 });
  // The QR code on the right.
  const size = 170;
  const qx = W - size - 48;
  doc.image(qr, qx, 112, { width: size, height: size });
  doc
    .fillColor('#333333')
    .fontSize(11)
    .text(p.scanHint, qx - 10, 112 + size + 6, {
      width: size + 20,
      align: 'center',
    });
  // Footer: branch and slogan.
  doc
    .moveTo(40, H - 70)
    .lineTo(W - 40, H - 70)
    .lineWidth(1)
    .stroke(RED);
  doc
    .fillColor(RED)
    .fontSize(16)
    .text(p.slogan, 40, H - 58, { width: W - 80, align: 'center' });
  doc
    .fillColor('#555555')
    .fontSize(11)
    .text(p.branch, 40, H - 34, { width: W - 80, align: 'center' });
  doc.end();
  return done;
}
