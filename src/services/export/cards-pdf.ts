import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import type { MemberRecord } from '../../db/models/member.js';
import type { StandardRecord } from '../../db/models/standard.js';
import { CJK_PDF_FACE, requireCjkFont } from '../cjk-font.js';
import type { ExportContext } from './context.js';
import { deedRows } from './deed-sheet.js';
import { cardTitle, drawTable, fields } from './pdf-table.js';
import { pledgeRows, PLEDGE_SHEET } from './pledge-sheet.js';
import { ratingRows } from './rating-sheet.js';
import type { SheetT } from './sheet.js';

type Doc = InstanceType<typeof PDFDocument>;

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

/** 定标公示卡: who the member is and the approved standard of the post. */
async function standardCard(doc: Doc, ctx: ExportContext, m: MemberRecord, t: SheetT, sep: string) {
  const s = await ctx.models.Standard.findOne({
    branchId: ctx.branch._id,
    memberId: m._id,
  }).lean<StandardRecord>();
  const text = s?.approvedText ?? (s?.status === 'approved' ? s.text : undefined);
  cardTitle(doc, t('export-card-standard'), `${ctx.branch.name} · ${ctx.period.label}`);
  fields(
    doc,
    [
      [t('export-col-name'), m.realName],
      [t('export-col-post'), m.post],
      [t('export-field-unit'), m.unit],
      [t('export-field-motto'), m.motto],
      [t('export-field-stars'), t('export-stars', { stars: m.stars })],
      [t('export-field-approved'), ctx.day(s?.approvedAt) ?? t('export-none')],
    ],
    sep,
  );
  doc.fontSize(12).text(t('export-field-standard'), { underline: true }).moveDown(0.3);
  doc.fontSize(11).text(text ?? t('export-none'));
}

/** 对标记录卡: the verified deeds of the period. */
async function recordCard(doc: Doc, ctx: ExportContext, m: MemberRecord, t: SheetT) {
  const deeds = (await collect(deedRows(ctx, m._id))).filter((d) => d.status === 'verified');
  doc.addPage();
  cardTitle(doc, t('export-card-record'), `${m.realName} · ${ctx.period.label}`);
  drawTable(
    doc,
    [
      { header: t('export-col-date'), share: 0.14 },
      { header: t('export-col-what'), share: 0.36 },
      { header: t('export-col-for-whom'), share: 0.14 },
      { header: t('export-col-people'), share: 0.1 },
      { header: t('export-col-linked-pledge'), share: 0.26 },
    ],
    deeds.map((d) => [d.date, d.what, d.forWhom, String(d.people), d.pledge]),
  );
  doc
    .fontSize(10)
    .text(t('export-deeds-total', { count: deeds.length, people: deeds.reduce((a, d) => a + d.people, 0) }));
}

/** 达标评议卡: the months' ratings, star history, plate and title events. */
async function resultCard(doc: Doc, ctx: ExportContext, m: MemberRecord, t: SheetT) {
  const found = new Map((await collect(ratingRows(ctx, m._id))).map((r) => [r.month, r]));
  doc.addPage();
  cardTitle(doc, t('export-card-result'), `${m.realName} · ${ctx.period.label}`);
  drawTable(
    doc,
    [
      { header: t('export-col-month'), share: 0.1 },
      { header: t('export-col-self'), share: 0.08 },
      { header: t('export-col-masses'), share: 0.13 },
      { header: t('export-col-org'), share: 0.1 },
      { header: t('export-col-total'), share: 0.09 },
      { header: t('export-col-result'), share: 0.09 },
      { header: t('export-field-stars'), share: 0.15 },
      { header: t('export-col-events'), share: 0.26 },
    ],
    ctx.period.months.map((month) => {
      const r = found.get(month);
      if (!r) return [month, '—', '—', '—', '—', '—', '—', ''];
      return [
        r.month,
        String(r.self),
        r.masses === null ? `— (${r.ballots})` : `${r.masses} (${r.ballots})`,
        String(r.organisation),
        String(r.total),
        t(r.passed ? 'export-result-pass' : 'export-result-fail'),
        `${r.starsBefore} → ${r.starsAfter}`,
        [t(r.plateOn ? 'export-plate-on' : 'export-plate-off'), ...r.events.map((e) => t(e))].join(
          t('export-list-sep'),
        ),
      ];
    }),
  );
  doc.moveDown(2).fontSize(11).text(t('export-signature'));
}

/** 承诺台账: the member's pledge items. */
async function pledgeLedger(doc: Doc, ctx: ExportContext, m: MemberRecord, t: SheetT) {
  const items = await collect(pledgeRows(ctx, m._id));
  doc.addPage();
  cardTitle(doc, t('export-sheet-pledges'), `${m.realName} · ${ctx.period.label}`);
  const col = (i: number) => PLEDGE_SHEET.columns[i]!;
  drawTable(
    doc,
    [
      { header: t('export-col-lead'), share: 0.14 },
      { header: t('export-col-pledge'), share: 0.32 },
      { header: t('export-col-due'), share: 0.12 },
      { header: t('export-col-review'), share: 0.14 },
      { header: t('export-col-fulfilment'), share: 0.1 },
      { header: t('export-col-linked-deeds'), share: 0.18 },
    ],
    items.map((r) => [
      t(`lead-${r.lead}`),
      r.text,
      r.due,
      String(col(6).value(r, t) ?? ''),
      t(`pledge-status-${r.status}`),
      r.deeds,
    ]),
  );
}

/**
 * The three cards (定标公示卡, 对标记录卡, 达标评议卡) and the pledge ledger of each member, A4
 * pages for the paper archive, in the CJK font; written to `file` member by member.
 */
export async function writeCardsPdf(
  ctx: ExportContext,
  t: SheetT,
  file: string,
  members: readonly MemberRecord[],
  progress: (fraction: number) => void,
): Promise<number> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    autoFirstPage: false,
    info: { Title: ctx.branch.name },
  });
  const out = createWriteStream(file);
  doc.pipe(out);
  doc.registerFont('cjk', requireCjkFont(), CJK_PDF_FACE);
  const sep = t('export-field-sep');
  for (const [i, m] of members.entries()) {
    doc.addPage().font('cjk');
    await standardCard(doc, ctx, m, t, sep);
    await recordCard(doc, ctx, m, t);
    await resultCard(doc, ctx, m, t);
    await pledgeLedger(doc, ctx, m, t);
    progress((i + 1) / Math.max(1, members.length));
  }
  if (members.length === 0) doc.addPage().font('cjk').fontSize(12).text(t('export-none'));
  doc.end();
  await finished(out);
  return members.length;
}
