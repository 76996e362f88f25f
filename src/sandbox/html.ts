import { badRequest } from './errors.js';
import type { TgEntity } from './types.js';

const TAGS: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  span: 'spoiler',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
  'tg-emoji': 'custom_emoji',
};

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

export const parseError = (msg: string) => badRequest(`can't parse entities: ${msg}`);
export const byteOffset = (s: string, i: number): number => Buffer.byteLength(s.slice(0, i));

interface Open {
  tag: string;
  entity: TgEntity;
  at: number;
}

function attributes(src: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /([a-zA-Z_-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
  for (const m of src.matchAll(re)) attrs[m[1]!.toLowerCase()] = decode(m[2] ?? m[3] ?? m[4] ?? '');
  return attrs;
}

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[e.toLowerCase()] ?? whole;
  });
}

/** Telegram's HTML parse mode: the supported tags become entities; anything else is an error like Telegram's. */
export function parseHtml(src: string): { text: string; entities: TgEntity[] } {
  let out = '';
  const entities: TgEntity[] = [];
  const stack: Open[] = [];
  let i = 0;
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    const chunkEnd = lt === -1 ? src.length : lt;
    out += decode(src.slice(i, chunkEnd));
    if (lt === -1) break;
    const gt = src.indexOf('>', lt);
    if (gt === -1) throw parseError(`Unclosed start tag at byte offset ${byteOffset(src, lt)}`);
    const body = src.slice(lt + 1, gt);
    if (body.startsWith('/')) {
      const name = body.slice(1).trim().toLowerCase();
      const top = stack.pop();
      if (!top) throw parseError(`Unexpected end tag at byte offset ${byteOffset(src, lt)}`);
      if (name !== top.tag)
        throw parseError(
          `Unmatched end tag at byte offset ${byteOffset(src, lt)}, expected "</${top.tag}>", found "</${name}>"`,
        );
      top.entity.length = out.length - top.entity.offset;
      if (top.entity.length > 0) entities.push(top.entity);
    } else {
      const m = /^([a-zA-Z][a-zA-Z0-9-]*)(.*)$/s.exec(body);
      const name = m?.[1]?.toLowerCase() ?? '';
      const type = TAGS[name];
      if (!type) throw parseError(`Unsupported start tag "${name}" at byte offset ${byteOffset(src, lt)}`);
      const attrs = attributes(m?.[2] ?? '');
      const entity: TgEntity = { type, offset: out.length, length: 0 };
      if (name === 'span' && attrs.class !== 'tg-spoiler')
        throw parseError(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(src, lt)}`);
      if (name === 'a') {
        const href = attrs.href ?? '';
        const mention = /^tg:\/\/user\?id=(\d+)$/.exec(href);
        if (mention) Object.assign(entity, { type: 'text_mention', user: { id: Number(mention[1]) } });
        else if (href) entity.url = href;
        else entity.type = '';
      }
      if (name === 'blockquote' && 'expandable' in attrs) entity.type = 'expandable_blockquote';
      if (name === 'tg-emoji') entity.custom_emoji_id = attrs['emoji-id'] ?? '';
      if (name === 'code' && attrs.class?.startsWith('language-')) {
        const pre = stack[stack.length - 1];
        if (pre?.tag === 'pre' && pre.entity.offset === out.length) {
          pre.entity.language = attrs.class.slice('language-'.length);
          entity.type = '';
        }
      }
      stack.push({ tag: name, entity, at: lt });
    }
    i = gt + 1;
  }
  const unclosed = stack.pop();
  if (unclosed) throw parseError(`Can't find end tag corresponding to start tag "${unclosed.tag}"`);
  return { text: out, entities: entities.filter((e) => e.type !== '') };
}
