import type { Api } from 'grammy';

/**
 * The reply path: the answer to the person who acted, in their own chat, when it cannot be
 * `ctx.reply` (a dialog's action gets the chat id after the dialog, not the update; /export in
 * the group answers in the private chat, where the progress message is then edited). Every other
 * message to someone goes through the notify port (./notify.ts) and the sender queue;
 * test/bot/direct-sends.test.ts finds no other send in the bot layer except its listed exceptions.
 */
export function answerActor(
  api: Api,
  chatId: number,
  text: string,
  other?: Parameters<Api['sendMessage']>[2],
) {
  return api.sendMessage(chatId, text, other);
}
