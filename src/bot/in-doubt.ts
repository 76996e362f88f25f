/**
 * What a Bot API call returns when it is in doubt: its request left before a crash and its result
 * was never kept, so it is not made again (src/bot/replay-guard.ts). Made up for the method, so the
 * handler goes on as after the real call:
 * - methods that answer `true` (answer, delete, pin, unpin, reactions, chat actions): `true`
 *   (so does `stopPoll`, which the bot does not use);
 * - an edit of a chat message: that message (its id is the one edited), marked `in_doubt`; of an
 *   inline message: `true`;
 * - a send, forward or copy: a message of that chat with `message_id` 0 (no real message has it,
 *   so an edit or pin of it is refused by Telegram rather than hitting another message), marked
 *   `in_doubt`; callers that keep a sent message's id check `isInDoubt` first;
 * - copies and forwards of several messages, and a media group: an empty list.
 */
export const IN_DOUBT = 'in_doubt';

type Payload = Record<string, unknown>;

const messageOf = (payload: Payload, messageId: number) => ({
  message_id: messageId,
  date: Math.floor(Date.now() / 1000),
  chat: { id: payload.chat_id },
  [IN_DOUBT]: true,
});

export function inDoubtResult(method: string, payload: Payload): unknown {
  if (/^(copyMessages|forwardMessages|sendMediaGroup)$/.test(method)) return [];
  if (method === 'copyMessage') return { message_id: 0, [IN_DOUBT]: true };
  if (method === 'sendChatAction') return true;
  if (/^(send|forward)/.test(method)) return messageOf(payload, 0);
  if (/^edit/.test(method))
    return typeof payload.message_id === 'number' ? messageOf(payload, payload.message_id) : true;
  return true;
}

/** True for a result made up by `inDoubtResult`: the real message (and its id) is unknown. */
export const isInDoubt = (result: unknown): boolean =>
  typeof result === 'object' && result !== null && (result as Record<string, unknown>)[IN_DOUBT] === true;
