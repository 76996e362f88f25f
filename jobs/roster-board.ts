import { GrammyError, type Api } from 'grammy';
import type { Logger } from 'pino';
import { settingsOf } from '../src/services/branch-settings.js';
import type { AppServices } from '../src/services/index.js';
import { inlineKeyboard, type OutgoingMessage, type Translate } from '../src/services/notice.js';
import { settleRosterPin, type RosterPorts } from '../src/services/roster-board.js';
import type { Outbox } from './outbox.js';

/**
 * The worker's half of the roster board (src/services/roster-board.ts): a new board is posted by
 * the sender with the newest text stored at that moment, and once it is out its id is kept on the
 * branch and it is pinned. A board sent in doubt never gets here (the sender does not call
 * `onSent` without a real id): no made-up id is kept and nothing is pinned.
 */
export function createRosterBoardKeeper(deps: {
  services: Pick<AppServices, 'branches'>;
  /** The worker's own Bot API (not the sender's wire-marking one): an edit and a pin, not sends. */
  api: Api;
  outbox: Pick<Outbox, 'send'>;
  t: Translate;
  log: Logger;
}) {
  const { services, api, outbox, t, log } = deps;
  return {
    /** At send time: the board's newest draft, or null when it is no longer wanted. */
    async prepare(msg: OutgoingMessage): Promise<OutgoingMessage | null> {
      if (msg.keep?.kind !== 'roster-board') return msg;
      const draft = await services.branches.rosterToSend(msg.keep.id, msg.keep.gen);
      if (!draft) {
        log.info({ key: msg.key }, 'roster board no longer wanted (kept or replaced meanwhile): not sent');
        return null;
      }
      return { ...msg, text: draft.text, html: true, buttons: draft.buttons };
    },

    /** Posted: keep its id, bring in a draft stored since, pin it. */
    async kept(ref: { id: string; gen: number }, messageId: number, sent: OutgoingMessage) {
      const before = await services.branches.keepRoster(ref.id, ref.gen, messageId);
      if (!before) {
        log.warn({ branchId: ref.id, gen: ref.gen, messageId }, 'roster board posted but not kept');
        return;
      }
      const draft = before.rosterDraft as { text: string; buttons: OutgoingMessage['buttons'] } | undefined;
      // A confirmation came between reading the draft and keeping the id: its board is this one.
      if (draft && draft.text !== sent.text)
        await api
          .editMessageText(sent.chatId, messageId, draft.text, {
            parse_mode: 'HTML',
            ...(draft.buttons && { reply_markup: inlineKeyboard(draft.buttons) }),
          })
          .catch((err: unknown) =>
            log.warn({ err, branchId: ref.id }, 'roster board not brought up to date'),
          );
      const locale = settingsOf(before).language;
      await settleRosterPin({
        branches: services.branches,
        branch: before,
        async pin() {
          try {
            await api.pinChatMessage(sent.chatId, messageId, { disable_notification: true });
            return true;
          } catch (err) {
            // Without the right Telegram refuses (400); anything else leaves it unpinned too.
            log.warn({ err, chatId: sent.chatId }, 'roster board could not be pinned');
            return false;
          }
        },
        async tellMissing() {
          await outbox.send({
            key: `rights-missing-pin:${ref.id}:g${ref.gen}`,
            chatId: sent.chatId,
            text: t(locale, 'rights-missing-pin'),
            html: true,
          });
        },
      });
    },
  };
}

/** Telegram's 400 for an edit that would leave the message as it is: nothing to change, not a failure. */
const notModified = (err: unknown): boolean =>
  err instanceof GrammyError && err.error_code === 400 && err.description.includes('message is not modified');

/**
 * The worker's ports for the shared refresh (src/services/roster-board.ts), used by the roster
 * sync: its own Bot API for the edit and the pin (tried: the worker has no admin cache; a refusal
 * leaves it unpinned), the outbox for a new board and the notice of the missing right.
 */
export function workerRosterPorts(deps: {
  api: Api;
  outbox: Pick<Outbox, 'send'>;
  log: Logger;
}): RosterPorts {
  const { api, outbox, log } = deps;
  return {
    async edit(branch, messageId, board) {
      try {
        await api.editMessageText(branch.chatId, messageId, board.text, {
          parse_mode: 'HTML',
          reply_markup: inlineKeyboard(board.buttons),
        });
        return true;
      } catch (err) {
        if (notModified(err)) return true;
        log.warn({ err, chatId: branch.chatId }, 'roster board could not be edited; posting a new one');
        return false;
      }
    },
    async pin(branch, messageId) {
      try {
        await api.pinChatMessage(branch.chatId, messageId, { disable_notification: true });
        return true;
      } catch (err) {
        log.warn({ err, chatId: branch.chatId }, 'roster board could not be pinned');
        return false;
      }
    },
    queue: (msg) => outbox.send(msg),
    missingPinKey: (branch) => `rights-missing-pin:${branch._id.toString()}:m${branch.rosterMessageId ?? 0}`,
  };
}
