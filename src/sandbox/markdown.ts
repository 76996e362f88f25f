import { byteOffset, parseError } from './html.js';
import type { TgEntity } from './types.js';

const RESERVED = new Set('_*[]()~`>#+-=|{}.!'.split(''));
const NAMES: Record<string, string> = {
  bold: 'Bold',
  italic: 'Italic',
  underline: 'Underline',
  strikethrough: 'Strikethrough',
  spoiler: 'Spoiler',
  text_link: 'TextUrl',
  code: 'Code',
  pre: 'Pre',
};

interface Open {
  type: string;
  offset: number;
  at: number;
}

const MARKS: [string, string][] = [
  ['||', 'spoiler'],
  ['__', 'underline'],
  ['*', 'bold'],
  ['_', 'italic'],
  ['~', 'strikethrough'],
];

/** Reads until the closing `end`, honouring backslash escapes; returns the content and the index after `end`. */
function readUntil(src: string, from: number, end: string, startAt: number, kind: string): [string, number] {
  let s = '';
  for (let i = from; i < src.length; i++) {
    if (src[i] === '\\' && i + 1 < src.length) s += src[++i];
    else if (src.startsWith(end, i)) return [s, i + end.length];
    else s += src[i];
  }
  throw parseError(`Can't find end of ${kind} entity at byte offset ${byteOffset(src, startAt)}`);
}

/** Telegram's MarkdownV2: reserved characters must be escaped outside entities. */
export function parseMarkdownV2(src: string): { text: string; entities: TgEntity[] } {
  let out = '';
  const entities: TgEntity[] = [];
  const stack: Open[] = [];
  const close = (type: string) => {
    const idx = stack.map((o) => o.type).lastIndexOf(type);
    const [o] = stack.splice(idx, 1);
    return o!;
  };
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === '\\' && i + 1 < src.length) {
      out += src[i + 1];
      i += 2;
      continue;
    }
    if (src.startsWith('```', i)) {
      const nl = src.indexOf('\n', i + 3);
      const fence = src.indexOf('```', i + 3);
      const hasLang = nl !== -1 && (fence === -1 || nl < fence);
      const language = hasLang ? src.slice(i + 3, nl).trim() : '';
      const [code, next] = readUntil(src, hasLang ? nl + 1 : i + 3, '```', i, 'Pre');
      const e: TgEntity = { type: 'pre', offset: out.length, length: code.length };
      if (language) e.language = language;
      if (code.length) entities.push(e);
      out += code;
      i = next;
      continue;
    }
    if (ch === '`') {
      const [code, next] = readUntil(src, i + 1, '`', i, 'Code');
      if (code.length) entities.push({ type: 'code', offset: out.length, length: code.length });
      out += code;
      i = next;
      continue;
    }
    if (ch === '[') {
      stack.push({ type: 'text_link', offset: out.length, at: i });
      i++;
      continue;
    }
    if (ch === ']' && stack.some((o) => o.type === 'text_link')) {
      if (src[i + 1] !== '(')
        throw parseError(`Can't find end of a URL at byte offset ${byteOffset(src, i)}`);
      const [url, next] = readUntil(src, i + 2, ')', i, 'TextUrl');
      const o = close('text_link');
      const e: TgEntity = { type: 'text_link', offset: o.offset, length: out.length - o.offset, url };
      const mention = /^tg:\/\/user\?id=(\d+)$/.exec(url);
      if (mention)
        Object.assign(e, { type: 'text_mention', url: undefined, user: { id: Number(mention[1]) } });
      if (e.url === undefined) delete e.url;
      if (e.length) entities.push(e);
      i = next;
      continue;
    }
    if (ch === '>' && (i === 0 || src[i - 1] === '\n')) {
      const eol = src.indexOf('\n', i);
      const line = parseMarkdownV2(src.slice(i + 1, eol === -1 ? src.length : eol));
      const offset = out.length;
      entities.push({ type: 'blockquote', offset, length: line.text.length });
      for (const e of line.entities) entities.push({ ...e, offset: e.offset + offset });
      out += line.text;
      i = eol === -1 ? src.length : eol;
      continue;
    }
    const mark = MARKS.find(([m]) => src.startsWith(m, i));
    if (mark) {
      const [m, type] = mark;
      if (stack.some((o) => o.type === type)) {
        const o = close(type);
        if (out.length > o.offset) entities.push({ type, offset: o.offset, length: out.length - o.offset });
      } else stack.push({ type, offset: out.length, at: i });
      i += m.length;
      continue;
    }
    if (RESERVED.has(ch))
      throw parseError(`Character '${ch}' is reserved and must be escaped with the preceding '\\'`);
    out += ch;
    i++;
  }
  const open = stack[0];
  if (open)
    throw parseError(
      `Can't find end of ${NAMES[open.type]} entity at byte offset ${byteOffset(src, open.at)}`,
    );
  return { text: out, entities };
}

/** Legacy Markdown: *bold*, _italic_, `code`, ```pre```, [text](url); no nesting. */
export function parseMarkdown(src: string): { text: string; entities: TgEntity[] } {
  let out = '';
  const entities: TgEntity[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === '\\' && '_*`['.includes(src[i + 1] ?? '')) {
      out += src[i + 1];
      i += 2;
      continue;
    }
    const fail = () =>
      parseError(`Can't find end of the entity starting at byte offset ${byteOffset(src, i)}`);
    const delim = src.startsWith('```', i) ? '```' : '*_`'.includes(ch) ? ch : ch === '[' ? ']' : '';
    if (!delim) {
      out += ch;
      i++;
      continue;
    }
    const start = i + (delim === ']' ? 1 : delim.length);
    const end = src.indexOf(delim, start);
    if (end === -1) throw fail();
    const inner = src.slice(start, end);
    const type = { '*': 'bold', _: 'italic', '`': 'code', '```': 'pre', ']': 'text_link' }[delim]!;
    const e: TgEntity = { type, offset: out.length, length: inner.length };
    i = end + delim.length;
    if (type === 'text_link') {
      const close = src[i] === '(' ? src.indexOf(')', i) : -1;
      if (close === -1) throw fail();
      e.url = src.slice(i + 1, close);
      i = close + 1;
    }
    if (inner.length) entities.push(e);
    out += inner;
  }
  return { text: out, entities };
}
