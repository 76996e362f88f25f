import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Models } from '../../db/models/index.js';
import type { BranchDoc } from '../../db/models/branch.js';
import { localDate } from '../../domain/dates.js';
import { unwrap } from '../../domain/errors.js';
import { parseExportPeriod } from '../../domain/export-period.js';
import type { Locale } from '../../domain/locale.js';
import { can, type Actor } from '../../domain/roles.js';
import { createAudit } from '../audit.js';
import { settingsOf } from '../branch-settings.js';
import { ServiceError } from '../errors.js';
import type { Translate } from '../notice.js';
import { exportContext } from './context.js';
import type { MemberRecord } from '../../db/models/member.js';
import { writeAppraisalPdf } from './appraisal-pdf.js';
import { writeCardsPdf } from './cards-pdf.js';
import { writeDeedsCompilation, type FetchPhoto } from './deeds-compilation.js';
import { writeLedgerWorkbook, writeQuarterWorkbook } from './workbook.js';

/** What an export job carries: who asked, for which branch and period, and the message to edit. */
export interface ExportRequest {
  requestId: string;
  branchId: string;
  /** The requester: the file goes to their private chat, never to the group. */
  userId: number;
  /** The ledgers as XLSX, or the three cards and pledge ledger as PDF (one member, or everyone). */
  kind: 'ledgers' | 'cards' | 'quarter' | 'appraisal' | 'compilation';
  /** For cards: only this member (by Telegram id); absent: every member of the branch. */
  memberUserId?: number;
  /** The period's label: '2026', '2026Q3' or '2026-07'. */
  period: string;
  /** The requester's language, for the progress message and the caption. */
  locale: Locale;
  /** The message in the requester's private chat that shows the progress. */
  progressMessageId?: number;
}

/** Exports (归档导出): who may ask, and building the file the export job sends. */
export function createExportService({ models, clock }: { models: Models; clock: () => Date }) {
  return {
    /**
     * The export a secretary or committee member (支委) asks for, checked: refused for anyone
     * else; the period read from the command's words ('2026', '2026Q3', '2026-07', empty: this year).
     */
    async request(
      actor: Actor,
      branch: BranchDoc,
      ask: { kind: ExportRequest['kind']; period: string; memberUserId?: number },
      locale: Locale,
    ): Promise<ExportRequest> {
      if (!can(actor, 'exportArchive')) throw new ServiceError('error-export-not-allowed');
      const today = localDate(clock(), settingsOf(branch).timeZone);
      const period = unwrap(parseExportPeriod(ask.period, today));
      if (ask.memberUserId !== undefined) {
        const m = await models.Member.exists({ branchId: branch._id, userId: ask.memberUserId });
        if (!m) throw new ServiceError('error-not-member');
      }
      return {
        requestId: randomUUID(),
        branchId: String(branch._id),
        userId: actor.userId,
        kind: ask.kind,
        period: period.label,
        locale,
        ...(ask.memberUserId !== undefined && { memberUserId: ask.memberUserId }),
      };
    },
  };
}
export type ExportService = ReturnType<typeof createExportService>;

/**
 * Builds the requested file in `dir` (the branch's ledgers as XLSX, headers in the branch's
 * language) and writes the audit entry. `progress` gets 0–1 as rows are written.
 */
export async function buildExport(
  deps: { models: Models; t: Translate; clock: () => Date; photo?: FetchPhoto },
  req: ExportRequest,
  dir: string,
  progress: (fraction: number) => void,
): Promise<{ file: string; fileName: string; counts: Record<string, number> }> {
  const branch = await deps.models.Branch.findById(req.branchId).lean<BranchDoc>();
  if (!branch) throw new ServiceError('error-branch-not-bound');
  const now = deps.clock();
  const period = unwrap(parseExportPeriod(req.period, localDate(now, settingsOf(branch).timeZone)));
  const ctx = await exportContext(deps.models, branch, period, now);
  const lang = settingsOf(branch).language;
  const t = (key: string, params?: Record<string, string | number>) => deps.t(lang, key, params);
  let counts: Record<string, number>;
  let fileName: string;
  let file: string;
  if (req.kind === 'cards') {
    const members = await deps.models.Member.find({
      branchId: branch._id,
      status: { $ne: 'pending-confirmation' },
      ...(req.memberUserId !== undefined && { userId: req.memberUserId }),
    })
      .sort({ _id: 1 })
      .lean<MemberRecord[]>();
    const who = req.memberUserId !== undefined && members[0] ? members[0].realName : branch.name;
    fileName = `${who}-${period.label}-${t('export-file-cards')}.pdf`;
    file = join(dir, `${req.requestId}.pdf`);
    counts = { members: await writeCardsPdf(ctx, t, file, members, progress) };
  } else if (req.kind === 'compilation') {
    fileName = `${branch.name}-${period.label}-${t('export-file-compilation')}.pdf`;
    file = join(dir, `${req.requestId}.pdf`);
    counts = await writeDeedsCompilation(ctx, t, file, deps.photo ?? (async () => null), progress);
  } else if (req.kind === 'appraisal') {
    fileName = `${branch.name}-${period.label}-${t('export-sheet-appraisal')}.pdf`;
    file = join(dir, `${req.requestId}.pdf`);
    counts = { members: await writeAppraisalPdf(ctx, t, file) };
  } else if (req.kind === 'quarter') {
    fileName = `${branch.name}-${period.label}-${t('export-file-quarter')}.xlsx`;
    file = join(dir, `${req.requestId}.xlsx`);
    counts = await writeQuarterWorkbook(ctx, t, file);
  } else {
    fileName = `${branch.name}-${period.label}-${t('export-file-ledgers')}.xlsx`;
    file = join(dir, `${req.requestId}.xlsx`);
    counts = await writeLedgerWorkbook(ctx, t, file, progress);
  }
  await createAudit(
    deps.models,
    deps.clock,
  )({
    branchId: branch._id,
    actorId: req.userId,
    action: 'archive.export',
    target: `${req.kind}:${period.label}`,
    after: counts,
  });
  return { file, fileName, counts };
}
