import type { SbMessage } from './sandbox-client.js';

/** One answer inside a bot message: who it is for (mentioned, or the author replied to) and its text. */
export interface AnswerPart {
  users: number[];
  text: string;
}

/**
 * The answers a group message carries (jobs/coalesce.ts's composeAnswers): a batch of several is
 * one part per distinct answer, each after a line of mentions (text_mention entities separated by
 * a space); any other message is one part, for the author of the message it replies to (if any).
 */
export function answerParts(m: SbMessage): AnswerPart[] {
  const text = m.text ?? '';
  const mentions = (m.entities ?? [])
    .filter((e): e is typeof e & { user: { id: number } } => e.type === 'text_mention' && !!e.user)
    .sort((a, b) => a.offset - b.offset);
  if (mentions.length === 0) {
    const to = m.reply_to_message?.from;
    return [{ users: to && !to.is_bot ? [to.id] : [], text }];
  }
  const lines: Array<{ users: number[]; start: number; end: number }> = [];
  for (const e of mentions) {
    const last = lines[lines.length - 1];
    if (last && e.offset === last.end + 1) {
      last.users.push(e.user.id);
      last.end = e.offset + e.length;
    } else lines.push({ users: [e.user.id], start: e.offset, end: e.offset + e.length });
  }
  return lines.map((l, i) => ({
    users: l.users,
    text: text.slice(l.end + 1, i + 1 < lines.length ? lines[i + 1]!.start - 2 : text.length),
  }));
}
