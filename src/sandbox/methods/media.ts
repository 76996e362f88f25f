import { checkCaption } from '../entities.js';
import { badRequest } from '../errors.js';
import { FileStore } from '../files.js';
import type { Method, MethodCtx } from './context.js';
import { formatted, sendMessageLike, withEntities } from './send.js';

function caption(ctx: MethodCtx): Record<string, unknown> {
  const f = formatted(ctx, 'caption');
  checkCaption(f);
  return f.text ? { caption: f.text, ...withEntities('caption_entities', f) } : {};
}

export const mediaMethods: Record<string, Method> = {
  sendPhoto: (ctx) =>
    sendMessageLike(ctx, () => {
      const file = ctx.sb.files.resolve(ctx.p.file('photo'), 'photos', 'photo');
      return { photo: FileStore.photoSizes(file), ...caption(ctx) };
    }),

  sendDocument: (ctx) =>
    sendMessageLike(ctx, () => {
      const file = ctx.sb.files.resolve(ctx.p.file('document'), 'documents', 'document');
      return { document: FileStore.document(file), ...caption(ctx) };
    }),

  getFile: ({ sb, p }) => {
    const id = p.str('file_id');
    if (!id) throw badRequest('file_id is empty');
    const f = sb.files.get(id);
    if (!f) throw badRequest('invalid file_id');
    return {
      file_id: f.file_id,
      file_unique_id: f.file_unique_id,
      file_size: f.file_size,
      file_path: f.file_path,
    };
  },
};
