import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;

export interface PdfColumn {
  readonly header: string;
  /** Share of the usable width (the shares of a table add up to 1). */
  readonly share: number;
}

const PAD = 3;

/** The page's usable box (inside the margins). */
export function box(doc: Doc) {
  const m = doc.page.margins;
  return { left: m.left, right: doc.page.width - m.right, bottom: doc.page.height - m.bottom };
}

/**
 * A ruled table: a header row, then rows whose height follows their longest wrapped cell; a row
 * that does not fit starts a new page, which repeats the header. Text in the document's font.
 */
export function drawTable(doc: Doc, columns: readonly PdfColumn[], rows: readonly string[][], fontSize = 9) {
  const { left, right, bottom } = box(doc);
  const widths = columns.map((c) => c.share * (right - left));
  doc.fontSize(fontSize);
  const heightOf = (cells: readonly string[]) =>
    Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i]! - 2 * PAD }))) + 2 * PAD;
  const drawRow = (cells: readonly string[], shade: boolean) => {
    const h = heightOf(cells);
    if (doc.y + h > bottom) {
      doc.addPage();
      drawRow(
        columns.map((c) => c.header),
        true,
      );
    }
    const y = doc.y;
    let x = left;
    if (shade)
      doc
        .rect(left, y, right - left, h)
        .fillColor('#f0e6e6')
        .fill()
        .fillColor('black');
    cells.forEach((c, i) => {
      doc.rect(x, y, widths[i]!, h).lineWidth(0.5).strokeColor('#888888').stroke();
      doc.text(c, x + PAD, y + PAD, { width: widths[i]! - 2 * PAD });
      x += widths[i]!;
    });
    doc.x = left;
    doc.y = y + h;
  };
  drawRow(
    columns.map((c) => c.header),
    true,
  );
  for (const r of rows) drawRow(r, false);
  doc.moveDown(0.5);
}

/** A card's title, centred, in the branch's red. */
export function cardTitle(doc: Doc, title: string, sub: string) {
  const { left, right } = box(doc);
  doc
    .fontSize(18)
    .fillColor('#b71c1c')
    .text(title, left, doc.y, { width: right - left, align: 'center' });
  doc
    .fontSize(10)
    .fillColor('#444444')
    .text(sub, { width: right - left, align: 'center' });
  doc.fillColor('black').moveDown(1);
}

/** "label: value" lines, the label in grey; `sep` is the language's colon (：or ': '). */
export function fields(doc: Doc, pairs: ReadonlyArray<readonly [string, string]>, sep: string) {
  doc.fontSize(11);
  for (const [label, value] of pairs) {
    doc
      .fillColor('#555555')
      .text(`${label}${sep}`, { continued: true })
      .fillColor('black')
      .text(value || '—');
    doc.moveDown(0.3);
  }
  doc.moveDown(0.5);
}
