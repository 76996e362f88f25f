import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import type { DeedRecord } from '../../db/models/deed.js';
import type { MemberRecord } from '../../db/models/member.js';
import { CJK_PDF_FACE, requireCjkFont } from '../cjk-font.js';
import type { ExportContext } from './context.js';
import { box, cardTitle } from './pdf-table.js';
import type { SheetT } from './sheet.js';

type Doc = InstanceType<typeof PDFDocument>;

/** How many deeds per member the compilation takes: the ones that helped most people. */
export const DEEDS_PER_MEMBER = 3;

/** A deed's photo as bytes (from Telegram's file store), or null when it cannot be had. */
export type FetchPhoto = (fileId: string) => Promise<Buffer | null>;

/**
 * The members' exemplary deeds of the period (先进事迹汇编): per member, the verified deeds that
 * helped the most people (at most DEEDS_PER_MEMBER; ties by the earlier date), read in one query
 * with MongoDB's $topN.
 */
export async function compilationDeeds(ctx: ExportContext): Promise<Map<string, DeedRecord[]>> {
  const groups = await ctx.models.Deed.aggregate<{ _id: unknown; deeds: DeedRecord[] }>([
    {
      $match: {
        branchId: ctx.branch._id,
        status: 'verified',
        date: { $gte: ctx.period.from, $lt: ctx.period.to },
      },
    },
    {
      $group: {
        _id: '$memberId',
        deeds: {
          $topN: { n: DEEDS_PER_MEMBER, sortBy: { peopleHelped: -1, date: 1, _id: 1 }, output: '$$ROOT' },
        },
      },
    },
  ]).exec();
  return new Map(groups.map((g) => [String(g._id), g.deeds]));
}

async function deedBlock(doc: Doc, ctx: ExportContext, d: DeedRecord, t: SheetT, photo: FetchPhoto) {
  const { left, right, bottom } = box(doc);
  const width = right - left;
  const image = d.photoFileId ? await photo(d.photoFileId) : null;
  const needed = 80 + (image ? 190 : 0);
  if (doc.y + needed > bottom) doc.addPage();
  doc
    .fontSize(11)
    .fillColor('#b71c1c')
    .text(`${d.date}\u3000${t('export-compilation-people', { people: d.peopleHelped })}`, left, doc.y, {
      width,
    });
  doc.fillColor('black').fontSize(12).text(d.what, { width });
  doc
    .fontSize(10)
    .fillColor('#555555')
    .text(`${t('export-col-for-whom')}${t('export-field-sep')}${d.forWhom}`, { width });
  doc.fillColor('black');
  if (image) {
    doc.moveDown(0.3);
    const y = doc.y;
    try {
      doc.image(image, left, y, { fit: [240, 180] });
      doc.y = y + 185;
    } catch {
      // Not an image pdfkit can read (a Telegram photo is JPEG): the text stands alone.
      doc.y = y;
    }
  }
  doc.moveDown(0.8);
}

/**
 * The deeds compilation (先进事迹汇编) as a PDF: a title, then per member (by name) their post
 * and unit and their top deeds with date, people helped, for whom and the photo.
 */
export async function writeDeedsCompilation(
  ctx: ExportContext,
  t: SheetT,
  file: string,
  photo: FetchPhoto,
  progress: (fraction: number) => void,
): Promise<{ members: number; deeds: number }> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: ctx.branch.name } });
  const out = createWriteStream(file);
  doc.pipe(out);
  doc.registerFont('cjk', requireCjkFont(), CJK_PDF_FACE);
  doc.font('cjk');
  const byMember = await compilationDeeds(ctx);
  const members = [...ctx.members.values()]
    .filter((m: MemberRecord) => byMember.has(String(m._id)))
    .sort((a, b) => a.realName.localeCompare(b.realName, 'zh'));
  cardTitle(doc, t('export-compilation-title', { branch: ctx.branch.name }), ctx.period.label);
  if (members.length === 0) doc.fontSize(12).text(t('export-none'));
  let deeds = 0;
  for (const [i, m] of members.entries()) {
    const { bottom } = box(doc);
    if (doc.y + 140 > bottom) doc.addPage();
    doc.fontSize(15).fillColor('black').text(m.realName, { underline: true });
    doc.fontSize(10).fillColor('#555555').text(`${m.post} · ${m.unit}`).fillColor('black').moveDown(0.5);
    for (const d of byMember.get(String(m._id)) ?? []) {
      await deedBlock(doc, ctx, d, t, photo);
      deeds++;
    }
    progress((i + 1) / members.length);
  }
  doc.end();
  await finished(out);
  return { members: members.length, deeds };
}
