import { badRequest } from './errors.js';
import { parseHtml } from './html.js';
import { parseMarkdown, parseMarkdownV2 } from './markdown.js';
import type { TgEntity } from './types.js';

export interface Formatted {
  text: string;
  entities: TgEntity[];
}

function sortEntities(entities: TgEntity[]): TgEntity[] {
  return entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
}

/** Telegram strips leading and trailing whitespace after parsing; entities are shifted and clipped. */
function trim(f: Formatted): Formatted {
  const lead = f.text.length - f.text.trimStart().length;
  const text = f.text.trim();
  const entities = f.entities
    .map((e) => {
      const start = Math.max(0, e.offset - lead);
      const end = Math.min(text.length, e.offset - lead + e.length);
      return { ...e, offset: start, length: end - start };
    })
    .filter((e) => e.length > 0);
  return { text, entities };
}

/** Applies parse_mode (or explicit entities) to a text or caption, as Telegram does before storing it. */
export function formatText(
  raw: string,
  parseMode: string | undefined,
  explicit: TgEntity[] | undefined,
): Formatted {
  let f: Formatted;
  const mode = (parseMode ?? '').toLowerCase();
  if (explicit?.length) f = { text: raw, entities: explicit.map((e) => ({ ...e })) };
  else if (mode === 'html') f = parseHtml(raw);
  else if (mode === 'markdownv2') f = parseMarkdownV2(raw);
  else if (mode === 'markdown') f = parseMarkdown(raw);
  else if (mode === '') f = { text: raw, entities: [] };
  else throw badRequest('unsupported parse_mode');
  f = trim(f);
  f.entities = sortEntities([...f.entities, ...autoEntities(f.text, f.entities)]);
  return f;
}

/** Message text must be 1–4096 characters after entity parsing. */
export function checkText(f: Formatted): void {
  if (f.text.length === 0) throw badRequest('message text is empty');
  if (f.text.length > 4096) throw badRequest('message is too long');
}

/** Captions: 0–1024 characters. */
export function checkCaption(f: Formatted): void {
  if (f.text.length > 1024) throw badRequest('message caption is too long');
}

const AUTO: [RegExp, string][] = [
  [/(?<![\w/])\/[a-zA-Z0-9_]{1,64}(?:@[a-zA-Z0-9_]{3,32})?(?![\w/])/g, 'bot_command'],
  [/(?<![\w@])@[a-zA-Z0-9_]{5,32}\b/g, 'mention'],
  [/(?<![\w#])#[\p{L}\p{N}_]+/gu, 'hashtag'],
  [/\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]/g, 'url'],
];

/** Entities Telegram detects by itself: commands, mentions, hashtags, links (not inside code or links). */
export function autoEntities(text: string, existing: TgEntity[] = []): TgEntity[] {
  const blocked = existing.filter((e) => ['code', 'pre', 'text_link', 'text_mention'].includes(e.type));
  const found: TgEntity[] = [];
  for (const [re, type] of AUTO) {
    for (const m of text.matchAll(re)) {
      const offset = m.index;
      if (blocked.some((b) => offset < b.offset + b.length && b.offset < offset + m[0].length)) continue;
      if (found.some((f) => offset < f.offset + f.length && f.offset < offset + m[0].length)) continue;
      found.push({ type, offset, length: m[0].length });
    }
  }
  return found;
}

/** The command a message starts with, e.g. `{ command: 'start', target: 'my_bot', args: 'x' }`. */
export function leadingCommand(
  text: string | undefined,
): { command: string; target?: string; args: string } | null {
  const m = /^\/([a-zA-Z0-9_]{1,64})(?:@([a-zA-Z0-9_]{3,32}))?(?:\s+([\s\S]*))?$/.exec(text ?? '');
  return m ? { command: m[1]!, target: m[2], args: m[3] ?? '' } : null;
}
