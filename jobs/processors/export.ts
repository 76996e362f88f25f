import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputFile, type Api } from 'grammy';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import type { Models } from '../../src/db/models/index.js';
import { buildExport, type ExportRequest } from '../../src/services/export/export-service.js';
import type { Translate } from '../../src/services/notice.js';

const CAPTIONS: Record<ExportRequest['kind'], string> = {
  ledgers: 'export-caption',
  cards: 'export-caption-cards',
  quarter: 'export-caption-quarter',
  appraisal: 'export-caption-appraisal',
  compilation: 'export-caption-compilation',
};

/** At most one progress edit per this many ms (Telegram: about one message a second per chat). */
const EDIT_EVERY_MS = 1_500;

/**
 * The requester's progress message, edited as the export advances ("正在生成… 40%"): at most one
 * edit per EDIT_EVERY_MS and only when the figure changed. A failed edit is logged and the export
 * goes on: the file matters more than the figure.
 */
function progressMessage(api: Api, req: ExportRequest, t: Translate, log: Logger) {
  let shown = '';
  let last = 0;
  const edit = async (text: string) => {
    if (req.progressMessageId === undefined || text === shown) return;
    shown = text;
    last = Date.now();
    await api.editMessageText(req.userId, req.progressMessageId, text).catch((err: unknown) => {
      log.warn({ err, requestId: req.requestId }, 'export progress message not edited');
    });
  };
  return {
    edit,
    async progress(fraction: number) {
      if (Date.now() - last < EDIT_EVERY_MS) return;
      await edit(t(req.locale, 'export-progress', { percent: Math.floor(fraction * 100) }));
    },
  };
}

/**
 * A deed's photo from Telegram's file store (getFile, then the file's download address). A photo
 * that cannot be had is logged and left out: the compilation goes on with its text.
 */
function telegramPhoto(api: Api, log: Logger) {
  return async (fileId: string): Promise<Buffer | null> => {
    try {
      const f = await api.getFile(fileId);
      if (!f.file_path) return null;
      const root = api.options?.apiRoot ?? 'https://api.telegram.org';
      const res = await fetch(`${root}/file/bot${api.token}/${f.file_path}`);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return Buffer.from(await res.arrayBuffer());
    } catch (err) {
      log.warn({ err: String(err), fileId }, 'deed photo left out of the compilation');
      return null;
    }
  };
}

/**
 * Export job → build the file (service) → send it as a document to the requester's private chat,
 * the reply to their `/export`. Not through the sender queue: a file cannot ride in Redis, and the
 * job is itself queued one per branch. The temporary file is removed whatever happens.
 */
export function createExportProcessor(deps: {
  models: Models;
  api: Api;
  t: Translate;
  log: Logger;
  clock?: () => Date;
}) {
  const clock = deps.clock ?? (() => new Date());
  return async (job: Job<ExportRequest>) => {
    const req = job.data;
    const shown = progressMessage(deps.api, req, deps.t, deps.log);
    const dir = await mkdtemp(join(tmpdir(), 'mp-export-'));
    try {
      let pending: Promise<void> = Promise.resolve();
      const photo = telegramPhoto(deps.api, deps.log);
      const out = await buildExport({ models: deps.models, t: deps.t, clock, photo }, req, dir, (f) => {
        pending = pending.then(() => shown.progress(f));
      });
      await pending;
      await shown.edit(deps.t(req.locale, 'export-progress', { percent: 100 }));
      await deps.api.sendDocument(req.userId, new InputFile(out.file, out.fileName), {
        caption: deps.t(req.locale, CAPTIONS[req.kind], { period: req.period }),
      });
      await shown.edit(deps.t(req.locale, 'export-done', { file: out.fileName }));
      return out.counts;
    } catch (err) {
      deps.log.error({ err, requestId: req.requestId }, 'export failed');
      await shown.edit(deps.t(req.locale, 'export-failed'));
      throw err;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}
