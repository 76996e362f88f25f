import type { SandboxClient } from '../support/sandbox-client.js';

/** Every text (or caption) the bot sent to a chat, in order, from the `from`-th message of the chat on. */
export async function botTexts(sb: SandboxClient, chat: { id: number }, from = 0): Promise<string[]> {
  return (await sb.messages(chat))
    .slice(from)
    .filter((m) => m.from?.is_bot)
    .map((m) => m.text ?? m.caption ?? '')
    .filter((t) => t !== '');
}

const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/** The text without people's own words (names, the branch's name, what they wrote), commands and links. */
function bare(text: string, own: string[]): string {
  let out = text;
  for (const w of [...own].sort((a, b) => b.length - a.length)) out = out.split(w).join(' ');
  return out.replace(/https?:\/\/\S+/g, ' ').replace(/\/[a-z]+/g, ' ');
}

/** English: no CJK character or full-width mark outside people's own words. */
export function isEnglish(text: string, own: string[]): boolean {
  return !CJK.test(bare(text, own));
}

/** Chinese: Chinese characters, and no English words outside people's own words. */
export function isChinese(text: string, own: string[]): boolean {
  const b = bare(text, own);
  return /\p{Script=Han}/u.test(b) && !/[A-Za-z]{3,}/.test(b);
}
